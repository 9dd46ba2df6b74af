"""Fast widgets for the filter forms of the lists: selects, text, date and checkbox inputs.

Django renders a <select> through its widget templates, one template render per <option>:
the filter forms cost more than 100 table rows, and the 1,000-option asset filter of a large
inventory tens of milliseconds. An <input> is two template renders (the input and its
attributes), and every list has a few, and a "Sort by" select. These widgets write the same
HTML in Python.

Model choices are read as (key, label) values when the model says how (a `choice_labels`
classmethod): building 1,000 model instances for an asset filter costs ten times the query."""

from html import escape

from django import forms
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django_filters.widgets import BaseCSVWidget


class FastRenderMixin:
    """render() for a single <select>; keys and labels escaped here (html.escape, as Django)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in selected else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in _choices(self.choices)
        )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{final_attrs}>{options}</select>')  # noqa: S308


def _choices(choices):
    """The widget's choices, from values rather than instances for a model that can."""
    if not isinstance(choices, ModelChoiceIterator):
        return choices
    return model_choices(choices.field)


def model_choices(field: ModelChoiceField) -> list[tuple]:
    """The (key, label) options of a model choice field, empty choice first, as a list."""
    queryset = field.queryset.all()
    head = [("", field.empty_label)] if field.empty_label is not None else []
    if getattr(field, "null_label", None) is not None:  # django-filter's "none" choice
        head.append((field.null_value, field.null_label))
    labels_are_str = type(field).label_from_instance is ModelChoiceField.label_from_instance
    if hasattr(queryset.model, "choice_labels") and labels_are_str and not field.to_field_name:
        return [*head, *queryset.model.choice_labels(queryset)]
    # Django iterates with .iterator(), a server-side cursor on PostgreSQL: three round trips
    # where one query does for a filter's few dozen rows.
    return [*head, *((field.prepare_value(obj), field.label_from_instance(obj)) for obj in queryset)]


class FastInputMixin:
    """render() for an <input>: Django's own context (value format, "checked"), the HTML of
    its input.html and attrs.html templates written here."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        attributes = "".join(
            f" {escape(key)}" if item is True else f' {escape(key)}="{escape(str(item))}"'
            for key, item in widget["attrs"].items() if item is not False
        )
        return mark_safe(f'<input type="{escape(widget["type"])}" name="{escape(name)}"{value}{attributes}>')  # noqa: S308


class FastSelect(FastRenderMixin, forms.Select):
    pass


class FastNullBooleanSelect(FastRenderMixin, forms.NullBooleanSelect):
    pass


class FastCSVSelect(BaseCSVWidget, FastSelect):
    """django-filter's ordering select (its CSVSelect, made for each OrderingFilter's field)."""


class FastTextInput(FastInputMixin, forms.TextInput):
    pass


class FastDateInput(FastInputMixin, forms.DateInput):
    pass


class FastCheckboxInput(FastInputMixin, forms.CheckboxInput):
    pass


FAST_WIDGETS = {forms.Select: FastSelect, forms.NullBooleanSelect: FastNullBooleanSelect,
                forms.TextInput: FastTextInput, forms.DateInput: FastDateInput,
                forms.CheckboxInput: FastCheckboxInput}


def _fast_widget(widget: forms.Widget) -> type | None:
    kind = type(widget)
    if kind.__bases__ == (BaseCSVWidget, forms.Select):  # django-filter's CSVSelect
        return FastCSVSelect
    return FAST_WIDGETS.get(kind)


def use_fast_widgets(form: forms.Form) -> None:
    """Swap the plain widgets of `form` for the fast ones. A form's fields (and widgets) are
    its own deep copies, so changing the class in place keeps choices and attributes intact."""
    for field in form.fields.values():
        fast = _fast_widget(field.widget)
        if fast is not None:
            field.widget.__class__ = fast
