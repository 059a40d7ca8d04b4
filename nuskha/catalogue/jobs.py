"""Background jobs of the catalogue."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from nuskha.catalogue.models import Item
from nuskha.jobs.progress import Progress
from nuskha.jobs.registry import job_function


@job_function(max_attempts=3)
def check_records(progress: Progress, institution: str = "") -> dict[str, object]:
    """Check every item record against the catalogue's rules and list what fails.

    Rules change (a new locus check, a new required field) while old records stay as
    they were: this finds the records a cataloguer should look at again. It resumes
    from its checkpoint after a crash, so a large catalogue is not checked twice.
    """
    items = Item.objects.order_by("pk").prefetch_related("titles", "contents", "parts")
    if institution:
        items = items.filter(institution__code=institution)
    start_after = (progress.resume_from or {}).get("last_pk", 0)
    problems: list[dict[str, str]] = list((progress.resume_from or {}).get("problems", []))
    progress.set_total(items.count())
    progress.job.progress_done = items.filter(pk__lte=start_after).count()
    for item in items.filter(pk__gt=start_after).iterator(chunk_size=200):
        problems.extend(_item_problems(item))
        progress.advance(message=item.shelfmark)
        if progress.job.progress_done % 100 == 0:
            progress.checkpoint({"last_pk": item.pk, "problems": problems})
    return {"checked": progress.job.progress_done, "problems": problems}


def _item_problems(item: Item) -> list[dict[str, str]]:
    found = []
    label = f"{item.institution_id}:{item.shelfmark}"
    if not item.titles.all():
        found.append({"item": label, "problem": "no title"})
    for record in [item, *item.parts.all(), *item.contents.all()]:
        try:
            record.full_clean(validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                found.append({"item": label, "problem": f"{field}: {' '.join(messages)}"})
    return found
