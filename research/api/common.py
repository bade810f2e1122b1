"""What the research API's views share: service errors as API errors, service calls, a resource's schema."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import CuratorsWrite
from core.api.documentation import lists, path, reads, writes
from core.api.views import ConditionalGetMixin, validated
from core.errors import FieldError

from ..coding_services import CodingPermissionError
from ..services import AnnotationPermissionError

T = TypeVar("T")

#: The path parameters of the research API's resources.
SLUG_PATH = path("slug", "The slug, e.g. `sovereignty`.", "sovereignty")
FINDING_PATH = path("slug", "The finding's slug.", "criminalising-participation-adopted")
ANNOTATION_PATH = path("id", "The annotation's id.", 1, OpenApiTypes.INT)
CODEBOOK_PATH = path("slug", "The codebook's slug.", "themes")
TAG_PATH = path("id", "The tag's id.", 1, OpenApiTypes.INT)
CODING_PATH = path("id", "The coding's id.", 1, OpenApiTypes.INT)


@contextmanager
def service_errors(fields: Mapping[str, str] | None = None) -> Iterator[None]:
    """A service's refusal as the API's: bad input is a 400 naming the field (renamed by ``fields`` where the
    API calls it otherwise), a role or ownership refusal a 403. The service's transaction is rolled back."""
    try:
        yield
    except FieldError as error:
        field = (fields or {}).get(error.field, error.field)
        raise ValidationError({field: [error.message]}) from None
    except (AnnotationPermissionError, CodingPermissionError) as error:
        raise PermissionDenied(str(error)) from None


def download(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def call(
    service: Callable[..., T],
    request: Request,
    body: type[serializers.Serializer],
    rename: Mapping[str, str] | None = None,
    **objects: Any,
) -> T:
    """``service(user=<the client>, **objects, **<the body checked by body>)``, its refusals as API errors
    (``rename``: see :func:`service_errors`). The body's fields are named as the service's arguments."""
    data = validated(body, request.data)
    with service_errors(rename):
        return service(user=request.user, **objects, **data)


def documented(
    serializer: type[serializers.Serializer],
    *,
    path: OpenApiParameter,
    listed: str,
    one: str,
    created: str = "",
    body: type[serializers.Serializer] | None = None,
    example: Any = None,
    description: str = "",
    examples: Sequence[OpenApiExample] = (),
    listing: str = "",
    filters: Sequence[Any] = (),
) -> dict[str, Any]:
    """The schema of a resource's list, retrieve and (with ``created``) create, for ``extend_schema_view``.

    ``listed``, ``one``, ``created``: the operations' summaries; ``listing`` describes the list and ``filters``
    are its query parameters (a serializer); ``description`` describes the create, whose body ``body`` checks,
    shown by ``examples`` (or by one ``example`` of its value)."""
    views = {
        "list": lists(serializer, listed, description=listing, parameters=filters),
        "retrieve": reads(serializer, one, path),
    }
    if created:
        views["create"] = writes(
            serializer,
            created,
            request=body,
            examples=examples or [OpenApiExample("Example", value=example, request_only=True)],
            description=description,
            created=True,
        )
    return views


class CuratedListViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Anyone reads, by slug; curators add through ``create_with`` (a service), the body checked by ``body``."""

    permission_classes = [CuratorsWrite]
    lookup_field = "slug"
    create_with: Callable[..., Any]
    body: type[serializers.Serializer]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        created = call(type(self).create_with, request, self.body)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)


class ServiceViewSet(ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reads from ``get_queryset``; writes call a service on one object (:meth:`act`) and answer the object
    as it is afterwards (:meth:`shown`). ``PATCH`` calls ``update_with`` with the body ``update_body`` checks;
    the object's other writes are declared with :func:`service_action`."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    #: The keyword the services take the object by.
    object_name: str
    #: Service fields the API names otherwise.
    rename: Mapping[str, str] = {}
    update_with: Callable[..., Any]
    update_body: type[serializers.Serializer]

    def prepared(self, found: Any) -> Any:
        """The object as the serializer wants it (a hook)."""
        return found

    def shown(self, found: Any, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=found.pk)
        return Response(self.get_serializer(self.prepared(fresh)).data, status=code)

    def act(self, request: Request, service: Callable[..., Any], body: type[serializers.Serializer]) -> Response:
        found = self.get_object()
        call(service, request, body, self.rename, **{self.object_name: found})
        return self.shown(found)

    def partial_update(self, request: Request, pk: str) -> Response:
        return self.act(request, type(self).update_with, self.update_body)


def service_action(
    name: str,
    service: Callable[..., Any],
    body: type[serializers.Serializer],
    *,
    answer: type[serializers.Serializer],
    path: OpenApiParameter,
    summary: str,
    example: OpenApiExample,
) -> Any:
    """The view of ``POST <object>/<name>/`` on a :class:`ServiceViewSet`: ``service`` on the object with the
    body ``body`` checks (:meth:`ServiceViewSet.act`); it answers the object as ``answer`` shows it."""

    def view(self: ServiceViewSet, request: Request, pk: str) -> Response:
        return self.act(request, service, body)

    view.__name__ = view.__qualname__ = name  # DRF routes an action by its method's name
    routed = action(detail=True, methods=["post"], url_path=name)(view)
    return writes(answer, summary, path, request=body, examples=[example])(routed)
