"""URL converters, registered once for every urls module.

`<id:pk>` is Django's `<int:pk>` bounded to what a 64-bit id column can
hold. A larger number cannot name a row, and handed to the database it
overflows (a 500) instead of simply not being found; so it does not match
the URL at all, and the request is a 404."""

from django.urls import converters, register_converter

MAX_ID = 2**63 - 1


class IdConverter(converters.IntConverter):
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("larger than any id")
        return number


register_converter(IdConverter, "id")
