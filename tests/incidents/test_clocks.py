"""The clock arithmetic on its own: no database."""

import datetime
import zoneinfo

import pytest

from incidents import clocks

UTC = datetime.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_deadline_is_72_elapsed_hours_stored_in_utc():
    aware = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=BERLIN)
    due = clocks.deadline(aware, 72)
    assert due == datetime.datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
    assert due.tzinfo == UTC


def test_deadline_across_the_autumn_dst_change_moves_the_local_wall_clock_time():
    # Berlin leaves summer time on 25 October 2026: 72 real hours end at 11:00, not 12:00.
    aware = datetime.datetime(2026, 10, 23, 12, 0, tzinfo=BERLIN)
    due = clocks.deadline(aware, 72)
    assert due - aware == datetime.timedelta(hours=72)
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime.datetime(2026, 10, 26, 11, 0)


def test_deadline_across_the_spring_dst_change():
    aware = datetime.datetime(2026, 3, 7, 20, 0, tzinfo=NEW_YORK)  # DST starts 8 March
    due = clocks.deadline(aware, 24)
    assert due.astimezone(NEW_YORK).replace(tzinfo=None) == datetime.datetime(2026, 3, 8, 21, 0)


def test_the_same_instant_in_two_zones_gives_the_same_deadline():
    berlin = datetime.datetime(2026, 6, 1, 14, 0, tzinfo=BERLIN)
    assert clocks.deadline(berlin, 72) == clocks.deadline(berlin.astimezone(NEW_YORK), 72)


def test_without_undue_delay_has_no_deadline():
    assert clocks.deadline(datetime.datetime(2026, 1, 1, tzinfo=UTC), None) is None


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        clocks.deadline(datetime.datetime(2026, 1, 1), 72)


START = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
DUE = START + datetime.timedelta(hours=72)


@pytest.mark.parametrize(("hours_after_start", "expected"), [
    (0, clocks.OK), (53, clocks.OK), (54.5, clocks.AMBER), (71.9, clocks.AMBER), (72.1, clocks.RED),
])
def test_state_turns_amber_in_the_last_quarter_and_red_when_overdue(hours_after_start, expected):
    now = START + datetime.timedelta(hours=hours_after_start)
    assert clocks.state(now=now, start=START, deadline=DUE) == expected


def test_state_amber_below_the_configured_threshold_even_with_a_long_window():
    start = START
    due = start + datetime.timedelta(hours=1440)
    now = due - datetime.timedelta(hours=400)  # 28 % left: not amber by the share
    assert clocks.state(now=now, start=start, deadline=due) == clocks.OK
    assert clocks.state(now=now, start=start, deadline=due, amber_hours=500) == clocks.AMBER


def test_state_met_wins_even_when_late():
    late = DUE + datetime.timedelta(hours=5)
    assert clocks.state(now=late, start=START, deadline=DUE, met_at=late) == clocks.MET
    assert clocks.time_left_label(late, DUE, late) == "met (late)"


def test_without_undue_delay_stays_amber_until_met():
    assert clocks.state(now=START, start=START, deadline=None) == clocks.AMBER
    assert clocks.state(now=START, start=START, deadline=None, met_at=START) == clocks.MET
    assert clocks.time_left_label(START, None) == "without undue delay"


def test_time_left_labels():
    assert clocks.time_left_label(START, DUE) == "3 d 0 h left"
    assert clocks.time_left_label(DUE - datetime.timedelta(minutes=95), DUE) == "1 h 35 min left"
    assert clocks.time_left_label(DUE + datetime.timedelta(minutes=10), DUE) == "overdue by 10 min"


def test_window_labels():
    assert clocks.window_label(72) == "3 days (72 h)"
    assert clocks.window_label(1440) == "60 days (1440 h)"
    assert clocks.window_label(36) == "36 h"
    assert clocks.window_label(None) == "without undue delay"


def test_is_late():
    assert clocks.is_late(DUE + datetime.timedelta(seconds=1), DUE)
    assert not clocks.is_late(DUE, DUE)
    assert not clocks.is_late(DUE, None)


def test_reminder_points_due_once_reached_and_not_sent():
    points = [48, 24, 6]
    at = DUE - datetime.timedelta(hours=30)
    assert clocks.reminder_points_due(now=at, deadline=DUE, points=points) == [48]
    assert clocks.reminder_points_due(now=at, deadline=DUE, points=points, already_sent=[48]) == []
    late_start = DUE - datetime.timedelta(hours=5)
    due = clocks.reminder_points_due(now=late_start, deadline=DUE, points=points, already_sent=[48])
    assert due == [24, 6]
    assert clocks.reminder_points_due(now=START, deadline=None, points=points) == []


def test_not_required_stops_the_clock_unless_a_notification_was_made_anyway():
    late = DUE + datetime.timedelta(hours=1)
    assert clocks.state(now=late, start=START, deadline=DUE, not_required=True) == clocks.NOT_REQUIRED
    assert clocks.state(now=late, start=START, deadline=DUE, met_at=START, not_required=True) == clocks.MET
