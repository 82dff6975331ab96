from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from nastavnik.guide import pages


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/index.html", {"pages": pages.PAGES})


@require_GET
@login_required
def page(request: HttpRequest, slug: str) -> HttpResponse:
    guide = pages.BY_SLUG[slug]
    html = mark_safe(pages.render(guide))  # noqa: S308 (the repository's own documentation)
    return render(request, "guide/page.html", {"guide": guide, "html": html, "pages": pages.PAGES})


@require_GET
@login_required
def image(request: HttpRequest, image: str) -> FileResponse:
    path = pages.image_path(image)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
