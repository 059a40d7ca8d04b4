"""Cooperation: partners, agreements with their clauses and renewals, activities
(meetings, training courses, specialist exchanges), reminders and public news.

nuskha.access consults the agreements in force (terms.py) to decide what a partner's
readers may see; each decision about a partner is logged once a day (AccessEvent).
"""
