"""What each field of a model says of itself: the string literal under its declaration.

Settings and staff-file models are documented where their fields are declared, and
the JSON Schemas, the editor's hints and the settings' tests show those words.
pydantic can read them as it makes each class (``use_attribute_docstrings``), but it
finds a class's source by walking the stack and asking ``inspect`` for the module of
every frame: some 0.12 s at import, paid by every build and every ``invoke check``
before it reads a file. They are read here instead, when something asks for them.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache

from pydantic import BaseModel


def description(model: type[BaseModel], name: str) -> str | None:
    """A field's description: the one its ``Field`` gives, else its docstring."""
    return model.model_fields[name].description or field_docs(model).get(name)


@cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the docstring under it, for ``model`` and the models it inherits fields from."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__[:model.__mro__.index(BaseModel)]):
        if "__annotations__" in cls.__dict__:
            docs.update(_declared_docs(cls))
    return docs


def _declared_docs(cls: type) -> dict[str, str]:
    """The docstrings of the fields ``cls`` itself declares: a string right after an annotated name."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    return {node.target.id: inspect.cleandoc(after.value.value)
            for node, after in zip(body, body[1:], strict=False)
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)}
