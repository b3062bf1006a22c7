"""The equity roadmap's rules: an action's statuses, its target (a date or a quarter), and
the progress computed from the statuses (never typed in by an editor).

Shared by the roadmap's blocks (``equity.blocks.roadmap``), its page model
(``equity.models.roadmap``) and the API schema.
"""

import datetime
import re
from collections import Counter

ACTION_STATUSES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("complete", "Complete"),
    ("paused", "Paused"),
]
ACTION_STATUS_LABELS = dict(ACTION_STATUSES)
TARGET_PATTERN = re.compile(
    r"^(?P<year>\d{4})-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})-(?P<day>\d{2}))$"
)


def progress_summary(statuses: list[str]) -> dict:
    """Progress computed from the actions' statuses, never typed in by an editor."""
    counts = Counter(statuses)
    total = len(statuses)
    complete = counts["complete"]
    return {
        "complete": complete,
        "total": total,
        "percent": round(100 * complete / total) if total else 0,
        "by_status": {status: counts[status] for status, _ in ACTION_STATUSES},
    }


def target_label(target: str) -> str:
    """A target as people read it: 2025-Q3 → Q3 2025; 2025-06-30 → 30 June 2025."""
    match = TARGET_PATTERN.match(target or "")
    if not match:
        return target or ""
    if match["quarter"]:
        return f"Q{match['quarter']} {match['year']}"
    date = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    return f"{date.day} {date:%B %Y}"
