"""Long work as jobs: progress, retries with backoff, recorded failures and schedules.

Use: decorate a function `@job_function()` in an app's `jobs.py`; it receives a
`Progress` first, then its keyword arguments. Start it with `enqueue("dotted.name", ...)`.
"""
