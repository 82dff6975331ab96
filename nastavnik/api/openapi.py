"""The OpenAPI 3.0 document of the read API.

Its descriptions are Russian text of a document for the developers of the regional centre's
systems, like the bodies of the DOCX templates: data, not interface strings.
"""

from typing import Any

from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.mentorships.models import Mentorship, PortfolioItem
from nastavnik.organizations.models import Organization

INT = {"type": "integer", "minimum": 0}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "required": list(properties),
        "additionalProperties": False,
        "properties": properties,
    }
    if description:
        schema["description"] = description
    return schema


def page_of(item: str, description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return obj(
        {
            "count": {**INT, "description": "Сколько всего записей во всех страницах."},
            "page": {"type": "integer", "minimum": 1, "description": "Номер этой страницы."},
            "pages": {"type": "integer", "minimum": 1, "description": "Сколько всего страниц."},
            "page_size": {"type": "integer", "minimum": 1, "description": "Записей на странице."},
            **(extra or {}),
            "results": {"type": "array", "items": ref(item)},
        },
        description,
    )


COUNTS = obj(
    {
        "total": INT,
        "done": INT,
        "overdue": INT,
        "in_progress": INT,
        "planned": INT,
    },
    "Мероприятия: всего; выполнены (отмечено или подтверждено фактом системы); просрочены; "
    "в работе; запланированы. Каждое мероприятие — ровно в одной группе.",
)

ORGANIZATION_REF = obj(
    {"id": INT, "short_name": {"type": "string"}, "municipality_id": INT},
    "Организация коротко.",
)


def schemas() -> dict[str, Any]:
    forms = {
        form: obj({"pairs": INT, "groups": INT}, str(label))
        for form, label in MentorshipForm.choices
    }
    return {
        "Error": obj(
            {"error": {"type": "string", "description": "Что не так, по-русски."}},
            "Ошибка.",
        ),
        "AcademicYear": obj(
            {
                "start": {"type": "integer", "description": "Первый календарный год."},
                "name": {"type": "string", "example": "2026/2027"},
            },
            "Учебный год (1 сентября — 31 августа).",
        ),
        "OrganizationRef": ORGANIZATION_REF,
        "Organization": obj(
            {
                "id": INT,
                "short_name": {"type": "string", "description": "Краткое наименование."},
                "full_name": {"type": "string", "description": "Полное наименование."},
                "kind": {"type": "string", "enum": list(Organization.Kind.values)},
                "kind_name": {"type": "string", "description": "Тип организации словами."},
                "municipality": obj({"id": INT, "name": {"type": "string"}}),
                "address": {"type": "string"},
                "locality": {"type": "string", "description": "Населённый пункт."},
                "head": obj(
                    {
                        "name": {"type": "string", "description": "ФИО руководителя."},
                        "position": {"type": "string", "description": "Должность."},
                    },
                    "Руководитель: общедоступные сведения об организации.",
                ),
            },
            "Образовательная организация.",
        ),
        "OrganizationPage": page_of("Organization", "Страница списка организаций."),
        "Municipality": obj(
            {
                "id": INT,
                "name": {"type": "string"},
                "authority_name": {
                    "type": "string",
                    "description": "Орган управления образованием.",
                },
                "region": obj({"id": INT, "name": {"type": "string"}}),
                "organization_count": INT,
            },
            "Муниципалитет.",
        ),
        "MunicipalityPage": page_of("Municipality", "Страница списка муниципалитетов."),
        "Indicators": obj(
            {
                "organization": ref("OrganizationRef"),
                "academic_year": ref("AcademicYear"),
                "mentors": {**INT, "description": "Наставников в банке (кроме исключённых)."},
                "mentees": {**INT, "description": "Наставляемых в банке (кроме исключённых)."},
                "mentees_waiting": {**INT, "description": "Наставляемых, ожидающих наставника."},
                "mentees_support": {
                    **INT,
                    "description": "Наставляемых без пары на сопровождении (лист поддержки).",
                },
                "mentorships": {**INT, "description": "Пар и групп всего."},
                "pairs": {**INT, "description": "Наставнических пар."},
                "groups": {**INT, "description": "Наставнических групп."},
                "by_form": obj(forms, "Пары и группы по формам наставничества."),
                "by_status": obj(
                    {status: INT for status in Mentorship.Status.values},
                    "Пары и группы по состоянию: формируется, действует, завершена, "
                    "завершена досрочно.",
                ),
                "meetings": obj(
                    {"held": INT, "not_held": INT},
                    "Встречи пар и групп: проведены и запланированы (ещё не проведены).",
                ),
                "portfolio": obj(
                    {kind: INT for kind in PortfolioItem.Kind.values},
                    "Записи портфолио наставляемых по видам: публикации, методические "
                    "разработки, открытые уроки, конкурсы, курсы, аттестация.",
                ),
                "flagged": {
                    **INT,
                    "description": "Действующих пар и групп с признаками формального "
                    "наставничества: просрочено мероприятие программы или нет встречи дольше "
                    "срока, установленного регионом.",
                },
            },
            "Показатели организации за учебный год.",
        ),
        "IndicatorsPage": page_of(
            "Indicators",
            "Страница показателей: по строке на организацию.",
            {"academic_year": ref("AcademicYear")},
        ),
        "Counts": COUNTS,
        "Stage": obj(
            {
                "id": INT,
                "order": INT,
                "title": {"type": "string"},
                "counts": ref("Counts"),
            },
            "Этап дорожной карты.",
        ),
        "RoadmapProgress": obj(
            {
                "organization": ref("OrganizationRef"),
                "academic_year": ref("AcademicYear"),
                "roadmap": {
                    **obj(
                        {
                            "id": INT,
                            "title": {"type": "string"},
                            "counts": ref("Counts"),
                            "stages": {"type": "array", "items": ref("Stage")},
                        }
                    ),
                    "nullable": True,
                    "description": "Дорожная карта; null, если на этот год её нет.",
                },
            },
            "Выполнение дорожной карты организации.",
        ),
    }


def error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


def ok_response(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref(schema)}},
    }


PARAMETERS = {
    "page": {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "Номер страницы, с 1. За последней страницей — пустой список.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1},
    },
    "year": {
        "name": "year",
        "in": "query",
        "required": False,
        "description": "Учебный год по первому календарному году: 2026 — это 2026/2027. "
        "По умолчанию — текущий.",
        "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
    },
    "organization_id": {
        "name": "organization_id",
        "in": "path",
        "required": True,
        "description": "Идентификатор организации.",
        "schema": {"type": "integer", "minimum": 1, "example": 1},
    },
}


def operation(
    operation_id: str,
    summary: str,
    description: str,
    schema: str,
    parameters: list[str],
    *,
    not_found: bool = False,
) -> dict[str, Any]:
    responses = {
        "200": ok_response(schema, "Успешно."),
        "401": {
            **error_response("Нет токена, токен неверен или отозван."),
            "headers": {
                "WWW-Authenticate": {
                    "description": "Схема проверки: Bearer.",
                    "schema": {"type": "string"},
                }
            },
        },
    }
    if "page" in parameters or "year" in parameters:
        responses["400"] = error_response("Неверный параметр запроса.")
    if not_found:
        responses["404"] = error_response("Такой организации нет или она вне области токена.")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": description,
            "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in parameters],
            "responses": responses,
        }
    }


def paths() -> dict[str, Any]:
    return {
        "/organizations": operation(
            "listOrganizations",
            "Организации",
            "Организации области токена, по возрастанию идентификатора.",
            "OrganizationPage",
            ["page"],
        ),
        "/organizations/{organization_id}": operation(
            "getOrganization",
            "Организация",
            "Одна организация.",
            "Organization",
            ["organization_id"],
            not_found=True,
        ),
        "/organizations/{organization_id}/indicators": operation(
            "getOrganizationIndicators",
            "Показатели организации",
            "Наставники, наставляемые, пары и группы по формам, встречи, портфолио, "
            "формальные пары за учебный год.",
            "Indicators",
            ["organization_id", "year"],
            not_found=True,
        ),
        "/municipalities": operation(
            "listMunicipalities",
            "Муниципалитеты",
            "Муниципалитеты области токена: для токена региона — все муниципалитеты региона, "
            "для токена муниципалитета — он сам.",
            "MunicipalityPage",
            ["page"],
        ),
        "/indicators": operation(
            "listIndicators",
            "Показатели всех организаций",
            "Показатели за учебный год по строке на организацию, по возрастанию "
            "идентификатора организации.",
            "IndicatorsPage",
            ["page", "year"],
        ),
        "/roadmaps/{organization_id}": operation(
            "getRoadmapProgress",
            "Выполнение дорожной карты",
            "Этапы дорожной карты организации с числом мероприятий: выполнено, просрочено, "
            "в работе, запланировано.",
            "RoadmapProgress",
            ["organization_id", "year"],
            not_found=True,
        ),
    }


def endpoint_summaries() -> list[tuple[str, str]]:
    """(path, summary) of every operation, for the page for people."""
    return [(path, item["get"]["summary"]) for path, item in paths().items()]


def document(server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Наставник: API для чтения",
            "version": "1.0.0",
            "description": "Данные организаций для регионального центра наставничества и "
            "муниципальных органов управления образованием: организации, показатели, пары и "
            "группы по формам, выполнение дорожных карт. Только чтение, только GET. Доступ по "
            "токену региона или муниципалитета: заголовок «Authorization: Bearer <токен>». "
            "Токен видит только организации своей области. Персональных данных API не отдаёт, "
            "кроме ФИО руководителей организаций.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "paths": paths(),
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Токен, выданный администратором региона или методистом "
                    "муниципалитета.",
                }
            },
            "parameters": PARAMETERS,
            "schemas": schemas(),
        },
    }
