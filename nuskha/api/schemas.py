"""The shapes the API answers with, as ninja Schemas (pydantic), so the OpenAPI document at
/api/v1/openapi.json describes every field. Field names are stable snake_case English: other
libraries' scripts depend on them (docs/reference/api.md lists them).

Names and labels in several languages are objects keyed by BCP 47 tag ({"fa": "…"}).
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

Labels = dict[str, str]


# Pieces shared by several records -------------------------------------------------------


class DateSchema(Schema):
    as_written: str = Field(description="The date as the source writes it.")
    earliest: date | None = Field(
        description="Earliest day it may stand for (proleptic Gregorian)."
    )
    latest: date | None = Field(description="Latest day it may stand for (proleptic Gregorian).")
    certainty: str | None = Field(description="exact, approximate, inferred or uncertain.")
    calendar: str | None = Field(
        description="The calendar written: hijri, jalali, gregorian, julian."
    )


class PhysicalSchema(Schema):
    material: str | None
    height_mm: int | None
    width_mm: int | None
    leaf_count: int | None
    page_count: int | None
    lines_per_page: int | None
    script_style: str | None
    decoration: str
    binding: str


class NameFormSchema(Schema):
    text: str
    language: str
    script: str
    form: str = Field(description="preferred, variant, romanised or translated.")


class AgentReferenceSchema(Schema):
    id: int
    preferred_name: str


class WorkReferenceSchema(Schema):
    id: int
    uniform_title: str


class InstitutionReferenceSchema(Schema):
    code: str
    names: Labels


class CollectionReferenceSchema(Schema):
    code: str
    names: Labels


class LanguageSchema(Schema):
    code: str = Field(description="BCP 47 tag.")
    marc_code: str = Field(description="MARC 21 language code.")


class SubjectSchema(Schema):
    code: str
    labels: Labels


# Items ------------------------------------------------------------------------------------


class FormerShelfmarkSchema(Schema):
    shelfmark: str
    note: str


class TitleSchema(Schema):
    text: str
    language: str
    script: str
    type: str = Field(description="uniform, colophon, supplied, translated or romanised.")


class ItemAgentSchema(Schema):
    id: int = Field(description="The agent's authority record (/api/v1/agents/{id}).")
    role: str
    name_as_written: str
    preferred_name: str
    names: list[NameFormSchema]


class ContentSchema(Schema):
    position: int
    locus: str
    part: int | None = Field(description="The id of the part (in parts) this text stands in.")
    work: WorkReferenceSchema | None
    title_as_written: str
    language: str | None
    incipit: str
    explicit: str
    colophon: str
    scribe: AgentReferenceSchema | None
    date: DateSchema
    note: str


class PartSchema(Schema):
    id: int
    label: str
    locus: str
    date: DateSchema
    place_as_written: str
    physical: PhysicalSchema


class ProvenanceSchema(Schema):
    kind: str
    text: str
    date_as_written: str
    agent: AgentReferenceSchema | None
    place: str
    locus: str
    note: str


class ItemSchema(Schema):
    """An item's full record: the API's item detail and /items/{id}/record.json."""

    id: int
    url: str = Field(description="The record's page on the public site.")
    institution: InstitutionReferenceSchema
    collection: CollectionReferenceSchema | None
    shelfmark: str
    former_shelfmarks: list[FormerShelfmarkSchema]
    kind: str
    status: str
    access: str
    max_image_pixels: int | None
    is_shareable: bool
    languages: list[LanguageSchema]
    scripts: list[str] = Field(description="ISO 15924 codes.")
    subjects: list[SubjectSchema]
    titles: list[TitleSchema]
    agents: list[ItemAgentSchema]
    date: DateSchema
    place_as_written: str
    physical: PhysicalSchema
    contents: list[ContentSchema]
    parts: list[PartSchema]
    provenance: list[ProvenanceSchema]
    notes: str
    created_at: datetime
    updated_at: datetime


class ItemPage(Schema):
    items: list[ItemSchema]
    next_cursor: str | None


# Agents -----------------------------------------------------------------------------------


class AgentDatesSchema(Schema):
    as_written: str
    birth_year: int | None
    death_year: int | None


class IdentifiersSchema(Schema):
    local: str = Field(description="nuskha's own stable identifier.")
    viaf: str | None
    wikidata: str | None


class AgentSummarySchema(Schema):
    id: int
    url: str
    kind: str = Field(description="person or corporate.")
    preferred_name: str
    dates: AgentDatesSchema
    identifiers: IdentifiersSchema


class AgentPage(Schema):
    items: list[AgentSummarySchema]
    next_cursor: str | None


class AgentWorkSchema(Schema):
    id: int
    url: str
    uniform_title: str


class AgentItemSchema(Schema):
    id: int
    url: str
    institution: str = Field(description="The holding institution's code.")
    shelfmark: str
    title: str
    roles: list[str]


class AgentSchema(AgentSummarySchema):
    names: list[NameFormSchema]
    note: str
    works: list[AgentWorkSchema]
    items: list[AgentItemSchema] = Field(description="Items the reader may see, with roles.")


# Works ------------------------------------------------------------------------------------


class WorkSummarySchema(Schema):
    id: int
    url: str
    uniform_title: str
    author: AgentReferenceSchema | None
    language: str | None
    identifiers: IdentifiersSchema


class WorkPage(Schema):
    items: list[WorkSummarySchema]
    next_cursor: str | None


class CopySchema(Schema):
    id: int
    url: str
    institution: InstitutionReferenceSchema
    shelfmark: str
    title: str
    loci: list[str] = Field(description="Where the work stands in the volume.")


class WorkSchema(WorkSummarySchema):
    uniform_titles: list[NameFormSchema]
    subjects: list[SubjectSchema]
    note: str
    copies: list[CopySchema] = Field(description="Copies the reader may see, in any institution.")


# Institutions -----------------------------------------------------------------------------


class InstitutionSummarySchema(Schema):
    code: str
    url: str
    names: Labels
    country: str = Field(description="ISO 3166-1 alpha-2.")
    item_count: int = Field(description="Items the reader may see.")


class InstitutionPage(Schema):
    items: list[InstitutionSummarySchema]
    next_cursor: str | None


class CollectionSchema(Schema):
    code: str
    names: Labels
    description: str
    item_count: int


class InstitutionSchema(InstitutionSummarySchema):
    time_zone: str
    website: str
    collections: list[CollectionSchema]
    item_counts_by_kind: dict[str, int]


# Search -----------------------------------------------------------------------------------


class HitSchema(Schema):
    id: int
    url: str
    title: str
    title_html: str = Field(description="The title, HTML-escaped, with matches in <mark>.")
    shelfmark: str
    institution: str
    kind: str
    date_as_written: str
    score: float


class FacetValueSchema(Schema):
    value: str = Field(description="What to pass back as the filter of this facet.")
    code: str | None = Field(
        description="The code, for institutions, languages, scripts, subjects."
    )
    label: str
    count: int
    selected: bool


class SearchResultsSchema(Schema):
    total: int
    page: int
    page_size: int
    hits: list[HitSchema]
    facets: dict[str, list[FacetValueSchema]]
    message: str = Field(description="Why there are no hits, for a query with nothing to look for.")
