from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from documents.search.forms import SearchForm
from documents.search.query import search


def search_page(request: HttpRequest) -> HttpResponse:
    """Everything the person may read that matches what they typed, with the filters they chose."""
    form = SearchForm(request.GET or None, user=request.user)
    found = None
    page = None
    if form.is_valid() and form.cleaned_data["q"]:
        found = search(request.user, form.cleaned_data["q"], form.filters(), language=get_language() or "en")
        page = found.page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "found": found, "page": page, "query": query.urlencode()}
    return render(request, "search/results.html", context, status=400 if form.errors else 200)
