import datetime
from decimal import Decimal

from governance.models import Measurement, Objective
from governance.trend import trend

DAY = datetime.date(2026, 1, 1)


def _objective(direction="higher"):
    return Objective(title="Annex A", target_value=Decimal(90), unit="%", direction=direction)


def test_trend_without_measurements_is_none():
    assert trend(_objective(), []) is None


def test_trend_scales_values_and_target_into_the_box():
    objective = _objective()
    points = [Measurement(date=DAY, value=Decimal(50)),
              Measurement(date=DAY + datetime.timedelta(days=10), value=Decimal(70))]
    chart = trend(objective, points, width=100, height=40)
    assert chart["line"] == "4.0,36.0 96.0,20.0"  # 50 is the lowest, 90 (target) the highest
    assert chart["target_y"] == 4.0
    assert [dot["ok"] for dot in chart["dots"]] == [False, False]
    assert "latest 70 %, target ≥ 90 %" in chart["label"]


def test_trend_of_one_measurement_is_a_centred_dot():
    chart = trend(_objective("lower"), [Measurement(date=DAY, value=Decimal(80))], width=100)
    assert chart["dots"][0]["x"] == 50 and chart["dots"][0]["ok"] is True
