"""What the API says of each thing: its fields as the pages show them, texts in each language as an object of
language codes ({"en": "…", "fr": "…"})."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committee.bodies.models import Committee
from decisions.follow_up.models import Action, ProgressUpdate
from decisions.outcomes.models import Decision, Paragraph
from decisions.strategies.models import Measure, MemberStatus, PolicyArea, Strategy
from documents.registry.models import Document, DocumentFile
from meetings.programme.models import Agenda, AgendaItem, Meeting
from meetings.registration.models import Delegate, Participation
from meetings.sessions.models import Session

TEXTS = {"type": "object", "additionalProperties": {"type": "string"}, "example": {"en": "Geneva", "fr": "Genève"}}


@extend_schema_field(TEXTS)
class Texts(serializers.JSONField):
    """A text in the languages it is written in."""


@extend_schema_field(
    {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "10:00",
     "description": "Local time, in the session's time zone (no offset: RFC 3339's full-time does not apply)."}
)  # fmt: skip
class LocalTime(serializers.TimeField):
    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", read_only=True, allow_null=True, **kwargs)


class CommitteeSerializer(serializers.ModelSerializer):
    name = Texts()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Committee
        fields = ["code", "kind", "name", "parent", "symbol_series", "mandate", "is_public"]


class SessionSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", read_only=True)
    venue = Texts()
    city = Texts()
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Session
        fields = ["id", "code", "committee", "number", "status", "venue", "city", "country", "time_zone",
                  "start_date", "end_date"]  # fmt: skip


class MeetingSerializer(serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = Texts()
    start_time = LocalTime()
    end_time = LocalTime()
    agenda_items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    documents = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "session", "key", "kind", "title", "date", "start_time", "end_time", "room", "status",
                  "agenda_items", "documents"]  # fmt: skip


class AgendaItemSerializer(serializers.ModelSerializer):
    title = Texts()
    annotation = Texts()
    number = serializers.SerializerMethodField()
    documents = serializers.SlugRelatedField(slug_field="symbol", many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "number", "parent", "title", "annotation", "documents"]

    def get_number(self, item: AgendaItem) -> str:
        return str(item.position) if item.parent_id is None else f"{item.parent.position}.{item.position}"  # type: ignore[union-attr]


class AgendaSerializer(serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="code", read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Agenda
        fields = ["id", "session", "kind", "adopted_on", "as_amended", "items"]


class VersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["language", "issued_on", "download"]

    def get_download(self, version: DocumentFile) -> str:
        address = reverse(
            "registry:document_file", kwargs={"symbol": version.document.symbol, "language": version.language}
        )
        return self.context["request"].build_absolute_uri(address)


class DocumentSerializer(serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    title = Texts()
    versions = VersionSerializer(source="files", many=True, read_only=True)
    modifies = serializers.SlugRelatedField(source="parent", slug_field="symbol", read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = ["symbol", "session", "kind", "title", "distribution", "issued_on", "original_language", "modifies",
                  "versions"]  # fmt: skip


class ParagraphSerializer(serializers.ModelSerializer):
    text = Texts()

    class Meta:
        model = Paragraph
        fields = ["id", "kind", "position", "parent", "text"]


class DecisionSerializer(serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = Texts()
    paragraphs = ParagraphSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "session", "kind", "number", "title", "adopted_on", "method", "paragraphs"]


class ProgressSerializer(serializers.ModelSerializer):
    narrative = Texts()
    published = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = ["id", "reported_on", "status", "narrative", "evidence_link", "published"]

    def get_published(self, update: ProgressUpdate) -> bool:
        return update.published_at is not None


class ActionSerializer(serializers.ModelSerializer):
    description = Texts()
    session = serializers.CharField(source="paragraph.decision.session.code", read_only=True)
    responsible_entity = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    progress = ProgressSerializer(source="shown_updates", many=True, read_only=True)

    class Meta:
        model = Action
        fields = ["id", "session", "paragraph", "description", "responsible", "responsible_entity", "due_on",
                  "due_by_next_session", "status", "progress"]  # fmt: skip


class MemberStatusSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MemberStatus
        fields = ["member", "status", "reported_on", "note"]


class MeasureSerializer(serializers.ModelSerializer):
    text = Texts()
    statuses = MemberStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "number", "text", "statuses"]


class PolicyAreaSerializer(serializers.ModelSerializer):
    title = Texts()
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = PolicyArea
        fields = ["number", "title", "measures"]


class StrategySerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = Texts()
    areas = PolicyAreaSerializer(many=True, read_only=True)

    class Meta:
        model = Strategy
        fields = ["code", "committee", "title", "adopted_on", "illustrative", "areas"]


class DelegateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegate
        fields = ["id", "role", "courtesy", "name", "title", "function", "organization"]


class DelegationSerializer(serializers.ModelSerializer):
    session = serializers.SlugRelatedField(slug_field="code", read_only=True)
    entity = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.SerializerMethodField()
    delegates = DelegateSerializer(many=True, read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "session", "entity", "name", "category", "delegates"]

    @extend_schema_field(TEXTS)
    def get_name(self, participation: Participation) -> dict[str, str]:
        from committee.kernel.multilingual import LANGUAGES

        return {code: name for code in LANGUAGES if (name := participation.name_in(code))}


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    symbol = serializers.CharField()
    session = serializers.CharField(allow_null=True)
    language = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    url = serializers.URLField()
    snippet = serializers.CharField(help_text="HTML: the text around the first match, the words found in <mark>.")


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many things were found (each once).")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchResultSerializer(many=True)
