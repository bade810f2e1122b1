"""What the research API's views share: service errors as API errors, path parameters, examples."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.permissions import CuratorsWrite
from core.api.errors import LIST_ERRORS, READ_ERRORS, WRITE_ERRORS
from core.api.views import ConditionalGetMixin, validated
from core.errors import FieldError

from ..coding_services import CodingPermissionError
from ..services import AnnotationPermissionError

T = TypeVar("T")


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


def path(name: str, description: str, example: str | int, kind: OpenApiTypes = OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        kind,
        OpenApiParameter.PATH,
        description=description,
        examples=[OpenApiExample(str(example), value=example)],
    )


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
) -> dict[str, Any]:
    """The schema of a resource's list, retrieve and (with ``created``) create, for ``extend_schema_view``."""
    views = {
        "list": extend_schema(summary=listed, responses={200: serializer(many=True), **LIST_ERRORS}),
        "retrieve": extend_schema(summary=one, parameters=[path], responses={200: serializer, **READ_ERRORS}),
    }
    if created:
        views["create"] = extend_schema(
            summary=created,
            description=description or None,
            request=body,
            examples=[OpenApiExample("Example", value=example, request_only=True)],
            responses={201: serializer, **WRITE_ERRORS},
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
    as it is afterwards (:meth:`shown`)."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    #: The keyword the services take the object by.
    object_name: str
    #: Service fields the API names otherwise.
    rename: Mapping[str, str] = {}

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
