#!/usr/bin/env python
"""Django's manage.py, for those who expect it; `nuskha` does the same."""

from nuskha.cli import main

if __name__ == "__main__":
    main()
