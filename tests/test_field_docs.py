"""Field descriptions read from the docstrings under the fields, as pydantic would read them."""

from __future__ import annotations

import inspect
import subprocess
import sys

from pydantic import BaseModel, Field
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from jemput import settings
from jemput.field_docs import description, field_docs
from jemput.schedule import content, entries


class Base(BaseModel):
    kept: int = 0
    """Declared by the parent."""


class Child(Base):
    name: str
    """The name,
    over two lines."""
    plain: int = 1
    given: str = Field("", description="Given by Field.")
    """Not used: Field says it."""
    counted: int = 2
    3  # noqa: B018 - an expression that is not a string documents nothing


def test_docstrings_under_fields_including_inherited_ones_and_fields_own_descriptions():
    assert field_docs(Child) == {"kept": "Declared by the parent.", "name": "The name,\nover two lines.",
                                 "given": "Not used: Field says it."}
    assert description(Child, "given") == "Given by Field."
    assert description(Child, "plain") is None and description(Child, "counted") is None


def test_every_model_field_reads_as_pydantics_own_docstring_reading_does():
    """What ``use_attribute_docstrings`` would give: pydantic's reading of each class that declares fields."""
    models = [cls for module in (settings, entries, content) for cls in vars(module).values()
              if inspect.isclass(cls) and issubclass(cls, BaseModel) and cls.__module__ == module.__name__]
    assert len(models) > 10
    described = 0
    for model in models:
        theirs = {}
        for cls in reversed(model.__mro__[:model.__mro__.index(BaseModel)]):
            theirs.update(extract_docstrings_from_cls(cls, use_inspect=True))
        for name, info in model.model_fields.items():
            assert description(model, name) == (info.description or theirs.get(name)), (model, name)
            described += bool(description(model, name))
    assert described > 100


def test_importing_the_models_reads_no_source():
    code = ("import inspect; calls = []; inspect.getsource = lambda *a: calls.append(a); "
            "inspect.findsource = lambda *a: calls.append(a); "
            "import jemput.settings, jemput.schedule.entries; print(len(calls))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "0\n"
