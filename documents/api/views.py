"""The read API: each list a reader may read, filtered by the fields people filter on, paged."""

import datetime
from typing import Any, cast

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.views import defaults
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from committee.bodies.models import Committee
from committee.kernel.multilingual import LANGUAGES
from committee.roles.access import Permission, can, visible_committees
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.outcomes.models import Decision
from decisions.strategies.models import Strategy
from documents.api import serializers
from documents.api.access import committees_where, readable_distributions
from documents.builders.akn import MEDIA_TYPE as AKN_MEDIA_TYPE
from documents.registry.generated import build_document, generator_for, is_draft, published_version
from documents.registry.models import Document
from documents.reports.generators import adopted_text_akn
from documents.search.forms import SearchForm
from documents.search.models import SearchEntry
from documents.search.query import search
from meetings.programme.models import Agenda, Meeting
from meetings.registration.models import Participation
from meetings.sessions.models import Session

# A text parameter holds no NUL: PostgreSQL can store none, so none can match (refused by `no_null_characters`).
TEXT = {"type": "string", "pattern": "^[^\\x00]*$"}


def _parameter(name: str, description: str, type_: Any = TEXT) -> OpenApiParameter:
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, required=False, description=description)


def no_null_characters(request: Request, names: dict[str, str], *, but: tuple[str, ...] = ()) -> None:
    """Refuse (400) a NUL in a parameter or in the address, as the schema says: the database could not even look
    for it (PostgreSQL refuses it in a query). `but`: the parameters that strip it themselves (the search's `q`)."""
    refused = {
        name: ["Null characters are not allowed."]
        for name, values in [*request.query_params.lists(), *((name, [value]) for name, value in names.items())]
        if name not in but and any("\x00" in str(value) for value in values)
    }
    if refused:
        raise ValidationError(refused)


MIN_YEAR, MAX_YEAR = 1945, 2999
YEAR = OpenApiParameter("year", {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}, OpenApiParameter.QUERY,
                        required=False, description="The year it starts in.")  # fmt: skip
COMMITTEE = _parameter("committee", "A committee's code, e.g. TD-B-EDE.")
AKN_LANGUAGE = OpenApiParameter(
    "language", str, OpenApiParameter.QUERY, required=True, enum=list(LANGUAGES), description="The text's language."
)
AKN_RESPONSES = {(200, AKN_MEDIA_TYPE): OpenApiTypes.BINARY}


class AknNegotiation(BaseContentNegotiation):
    """The Akoma Ntoso answers: the XML whatever the Accept header asks, and an error as JSON, as documented."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return (JSONRenderer(), JSONRenderer.media_type)


def akn_language(request: Request) -> str:
    language = request.query_params.get("language", "")
    if language not in LANGUAGES:
        raise ValidationError({"language": [f"One of {', '.join(LANGUAGES)}."]})
    return language


def akn_response(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type=AKN_MEDIA_TYPE)


SESSION_CODE_LENGTH = cast(int, Session._meta.get_field("code").max_length)
SESSION = _parameter("session", "A session's code, e.g. TD/B/EDE/1.", {**TEXT, "maxLength": SESSION_CODE_LENGTH})


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """A list and its items; `committee` and `session` filter where the model has them. While drf-spectacular
    describes a view (`swagger_fake_view`), its queryset is an empty one of its model: making the schema reads
    nothing from the database."""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        reads = cls.__dict__.get("get_queryset")
        if reads is None:
            return

        def get_queryset(self):
            if getattr(self, "swagger_fake_view", False):
                return self.serializer_class.Meta.model.objects.none()
            return reads(self)

        cls.get_queryset = get_queryset

    committee_field = "session__committee__code"
    session_field = "session__code"

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        no_null_characters(request, kwargs)
        if len(request.query_params.get("session", "")) > SESSION_CODE_LENGTH:
            raise ValidationError({"session": [f"A session's code has at most {SESSION_CODE_LENGTH} characters."]})

    def filtered(self, queryset: QuerySet) -> QuerySet:
        parameters = self.request.query_params
        if parameters.get("committee") and self.committee_field:
            queryset = queryset.filter(**{self.committee_field: parameters["committee"]})
        if parameters.get("session") and self.session_field:
            queryset = queryset.filter(**{self.session_field: parameters["session"]})
        return queryset


@extend_schema_view(list=extend_schema(parameters=[_parameter("kind", "e.g. expert_group")]))
class CommitteeViewSet(ReadOnly):
    serializer_class = serializers.CommitteeSerializer
    lookup_field = "code"

    def get_queryset(self):
        committees = visible_committees(self.request.user).select_related("parent").order_by("code")
        if kind := self.request.query_params.get("kind"):
            committees = committees.filter(kind=kind)
        return committees


@extend_schema_view(
    list=extend_schema(
        parameters=[
            COMMITTEE,
            _parameter("status", "planned, open or closed"),
            YEAR,
        ]
    )  # fmt: skip
)
class SessionViewSet(ReadOnly):
    serializer_class = serializers.SessionSerializer
    committee_field = "committee__code"
    session_field = ""

    def get_queryset(self):
        sessions = Session.objects.filter(committee__in=committees_where(self.request.user, Permission.VIEW))
        sessions = self.filtered(sessions.select_related("committee", "country").order_by("-start_date", "pk"))
        parameters = self.request.query_params
        if status := parameters.get("status"):
            sessions = sessions.filter(status=status)
        if "year" in parameters:
            year = parameters["year"]
            if not year.isdigit() or not MIN_YEAR <= int(year) <= MAX_YEAR:
                raise ValidationError({"year": [f"A year from {MIN_YEAR} to {MAX_YEAR}, e.g. 2017."]})
            sessions = sessions.filter(start_date__year=int(year))
        return sessions


@extend_schema_view(
    list=extend_schema(parameters=[COMMITTEE, SESSION, _parameter("date", "YYYY-MM-DD", OpenApiTypes.DATE)])
)
class MeetingViewSet(ReadOnly):
    """The programme: each meeting with the agenda items taken up and the documents before it."""

    serializer_class = serializers.MeetingSerializer

    def get_queryset(self):
        meetings = Meeting.objects.filter(session__committee__in=committees_where(self.request.user, Permission.VIEW))
        meetings = self.filtered(meetings.select_related("session").prefetch_related("agenda_items", "documents"))
        if "date" in self.request.query_params:
            try:
                meetings = meetings.filter(date=datetime.date.fromisoformat(self.request.query_params["date"]))
            except ValueError:
                raise ValidationError({"date": ["A date, YYYY-MM-DD."]}) from None
        return meetings.order_by("date", "start_time", "pk")


@extend_schema_view(list=extend_schema(parameters=[COMMITTEE, SESSION]))
class AgendaViewSet(ReadOnly):
    serializer_class = serializers.AgendaSerializer

    def get_queryset(self):
        agendas = Agenda.objects.filter(session__committee__in=committees_where(self.request.user, Permission.VIEW))
        items = Prefetch("items", queryset=Agenda.items.rel.related_model.objects.select_related("parent")
                         .prefetch_related("documents").order_by("parent__position", "position"))  # fmt: skip
        return self.filtered(agendas.select_related("session").prefetch_related(items)).order_by("session", "pk")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            COMMITTEE,
            SESSION,
            _parameter("kind", "e.g. report"),
            _parameter("symbol", "A symbol as it is written, e.g. TD/B/EDE/1/3."),
        ]
    )  # fmt: skip
)
class DocumentViewSet(ReadOnly):
    """Documents with their language versions; each distribution to those who may read it."""

    serializer_class = serializers.DocumentSerializer
    lookup_field = "symbol"
    lookup_value_regex = r"[^?#\x00]+(?<!/akn)"  # a symbol has slashes; …/akn/ is its Akoma Ntoso

    def get_queryset(self):
        readable = Q(pk__in=[])
        for distribution, committees in readable_distributions(self.request.user).items():
            readable |= Q(distribution=distribution, session__committee__in=committees)
        documents = Document.objects.filter(readable).select_related("session", "parent")
        documents = self.filtered(documents.prefetch_related("files__document")).order_by("symbol")
        parameters = self.request.query_params
        if kind := parameters.get("kind"):
            documents = documents.filter(kind=kind)
        if symbol := parameters.get("symbol"):
            documents = documents.filter(symbol__iexact=symbol.strip())
        return documents

    @extend_schema(parameters=[AKN_LANGUAGE], responses=AKN_RESPONSES)
    @action(detail=True, url_path="akn", content_negotiation_class=AknNegotiation)
    def akn(self, request: Request, symbol: str | None = None) -> HttpResponse:
        """The report or provisional agenda as Akoma Ntoso 3.0 XML (AKN4UN): as issued; a draft to those who may read
        drafts, else its version last issued."""
        document = self.get_object()
        language = akn_language(request)
        generator = generator_for(document)
        if generator is None or "akn" not in generator.formats or language not in generator.languages(document):
            raise NotFound("This document has no Akoma Ntoso form in this language.")
        assert document.session is not None  # a generated document is a session's
        if is_draft(document) and not can(request.user, Permission.VIEW_LIMITED, document.session.committee):
            content = published_version(document, language, "akn")
            if content is None:
                raise NotFound("This document has not been issued yet.")
            return akn_response(content)
        return akn_response(build_document(document, language, "akn"))


@extend_schema_view(
    list=extend_schema(parameters=[COMMITTEE, SESSION, _parameter("kind", "e.g. agreed_recommendations")])
)
class DecisionViewSet(ReadOnly):
    """What sessions adopted, paragraph by paragraph (sub-items name their paragraph as `parent`)."""

    serializer_class = serializers.DecisionSerializer

    def get_queryset(self):
        decisions = Decision.objects.filter(session__committee__in=committees_where(self.request.user, Permission.VIEW))
        decisions = self.filtered(decisions.select_related("session").prefetch_related("paragraphs"))
        if kind := self.request.query_params.get("kind"):
            decisions = decisions.filter(kind=kind)
        return decisions.order_by("session__start_date", "session", "position", "pk")

    @extend_schema(parameters=[AKN_LANGUAGE], responses=AKN_RESPONSES)
    @action(detail=True, url_path="akn", content_negotiation_class=AknNegotiation)
    def akn(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The text as adopted, as an Akoma Ntoso 3.0 statement (AKN4UN): preamble, operative paragraphs."""
        content = adopted_text_akn(self.get_object(), akn_language(request))
        if content is None:
            raise NotFound("This text is not adopted, or not written in this language.")
        return akn_response(content)


@extend_schema_view(list=extend_schema(parameters=[COMMITTEE, SESSION, _parameter("status", "e.g. in_progress")]))
class ActionViewSet(ReadOnly):
    """Follow-up actions and the progress on them: the published progress, and all of it for the secretariat."""

    serializer_class = serializers.ActionSerializer
    committee_field = "paragraph__decision__session__committee__code"
    session_field = "paragraph__decision__session__code"

    def get_queryset(self):
        user = self.request.user
        actions = Action.objects.filter(
            paragraph__decision__session__committee__in=committees_where(user, Permission.VIEW)
        )
        updates = ProgressUpdate.objects.order_by("reported_on", "pk")
        managed = committees_where(user, Permission.MANAGE)
        updates = updates.filter(
            Q(published_at__isnull=False) | Q(action__paragraph__decision__session__committee__in=managed)
        )
        actions = actions.select_related("paragraph__decision__session", "responsible_entity").prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="shown_updates")
        )
        if status := self.request.query_params.get("status"):
            actions = actions.filter(status=status)
        return self.filtered(actions).order_by("paragraph__decision__session", "paragraph", "position", "pk")


@extend_schema_view(list=extend_schema(parameters=[COMMITTEE]))
class StrategyViewSet(ReadOnly):
    """Strategies, their policy areas and measures, and each member's status on each measure."""

    serializer_class = serializers.StrategySerializer
    committee_field = "committee__code"
    session_field = ""

    def get_queryset(self):
        strategies = Strategy.objects.filter(committee__in=committees_where(self.request.user, Permission.VIEW))
        strategies = strategies.select_related("committee").prefetch_related("areas__measures__statuses__member")
        return self.filtered(strategies).order_by("committee__code", "code")


@extend_schema_view(list=extend_schema(parameters=[COMMITTEE, SESSION]))
class DelegationViewSet(ReadOnly):
    """Delegations and their delegates, for those signed in who see the committee (as the registration page)."""

    serializer_class = serializers.DelegationSerializer

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:
            return Participation.objects.none()
        delegations = Participation.objects.filter(session__committee__in=committees_where(user, Permission.VIEW))
        delegations = delegations.select_related("session", "entity").prefetch_related("delegates")
        return self.filtered(delegations).order_by("session", "pk")


class SearchView(APIView):
    """The search of the results page (`/search/`), for scripts."""

    serializer_class = serializers.SearchPageSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"},
                             OpenApiParameter.QUERY, required=True, description="What to look for."),
            COMMITTEE, SESSION,
            OpenApiParameter("kind", str, OpenApiParameter.QUERY, required=False, enum=SearchEntry.Kind.values),
            OpenApiParameter("language", str, OpenApiParameter.QUERY, required=False, enum=list(LANGUAGES)),
            OpenApiParameter("page", {"type": "integer", "minimum": 1}, OpenApiParameter.QUERY, required=False,
                             description="A page of 20 results (past the last: the last)."),
        ],
        responses=serializers.SearchPageSerializer,
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        no_null_characters(request, {}, but=("q",))  # what is typed is searched for as far as it spells words
        asked = request.query_params.copy()
        code = asked.pop("committee", [""])[-1]  # a committee the reader cannot see: nothing found, as in the lists
        if not asked.get("q", "").strip():
            raise ValidationError({"q": ["Say what to look for."]})
        pages = asked.getlist("page")
        if len(pages) > 1 or (pages and (not pages[0].isdigit() or int(pages[0]) < 1)):
            raise ValidationError({"page": ["A page number, from 1."]})
        for name, allowed in (("kind", SearchEntry.Kind.values), ("language", LANGUAGES)):
            if name in asked and asked[name] not in allowed:
                raise ValidationError({name: [f"One of {', '.join(allowed)}."]})
        form = SearchForm(asked, user=request.user)
        if not form.is_valid():
            raise ValidationError(form.errors)
        filters = form.filters()
        if code:
            filters.committee = visible_committees(request.user).filter(code=code).first() or Committee(pk=0)
        found = search(request.user, form.cleaned_data["q"], filters, language=get_language() or "en")
        page = found.page(request.query_params.get("page"))
        results = [
            {"kind": r.entry.kind, "title": r.entry.title, "symbol": r.entry.symbol,
             "session": r.entry.session.code if r.entry.session else None, "language": r.entry.language,
             "date": r.entry.date, "url": request.build_absolute_uri(r.entry.url), "snippet": str(r.snippet)}
            for r in page
        ]  # fmt: skip
        data = serializers.SearchResultSerializer(results, many=True).data
        return Response({"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
                         "results": data})  # fmt: skip


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 for any address (config/urls.py's handler404): under /api/ in JSON, as the API's own; else the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
