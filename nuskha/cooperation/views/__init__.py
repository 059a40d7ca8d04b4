"""Cooperation views, one module per part: partners.py (timelines and yearly reports),
dashboard.py (the staff dashboard of agreements and reminders), news.py (public news).
Each module lists its own `urlpatterns` (public) and `staff_urlpatterns` (under /staff/)."""
