import django_filters

from training.models import Course, Person


class PersonFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    team = django_filters.CharFilter()
    ordering = django_filters.OrderingFilter(fields=(("name", "name"), ("team", "team"),
                                                     ("job_role", "job_role")), label="Sort by")

    class Meta:
        model = Person
        fields = ["name", "team", "active"]


class CourseFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    ordering = django_filters.OrderingFilter(fields=(("title", "title"), ("topic", "topic")), label="Sort by")

    class Meta:
        model = Course
        fields = ["title", "topic"]
