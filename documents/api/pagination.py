from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """50 a page, or `page_size` (1 to 200); a `page_size` that is no such number is refused, not ignored."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        if len(asked) > 1 or not asked[0].isdigit() or not 1 <= int(asked[0]) <= self.max_page_size:
            raise ValidationError({"page_size": [f"A number from 1 to {self.max_page_size}."]})
        return int(asked[0])

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

    def get_page_number(self, request, paginator) -> str:
        asked = request.query_params.getlist(self.page_query_param)
        if len(asked) > 1 or (asked and not asked[0].isdigit()):
            raise ValidationError({"page": ["A page number, from 1."]})
        return super().get_page_number(request, paginator)
