"""Only one module decrypts, and only the custodian's flow and the sealed services use it.

An AST scan of every module in danvan/ (tests and migrations left out): a new import of the
decrypting module, or any other use of AES-GCM decryption, fails this test.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import danvan

ROOT = Path(danvan.__file__).resolve().parent
CUSTODY = "danvan.petitions.custody"
CUSTODY_FILE = "petitions/custody.py"
CRYPTO_FILE = "petitions/crypto.py"
# The custodian's pages, and the sealed services that import it inside functions only.
ALLOWED_IMPORTERS = {"petitions/views/sealed.py", "petitions/services/sealed.py"}
# Modules whose ``.decrypt`` is not ours: the PDF reader of reference extraction opens PDFs
# protected by an owner password only (pypdf's ``reader.decrypt("")``), nothing sealed.
FOREIGN_DECRYPT = {"directives/refs/files.py"}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative:
            continue
        yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def custody_imports(tree: ast.Module) -> list[ast.AST]:
    """Every statement or string that brings in the decrypting module."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Import)
            and any(
                alias.name == CUSTODY or alias.name.startswith(CUSTODY + ".")
                for alias in node.names
            )
        ) or (
            isinstance(node, ast.ImportFrom)
            and (
                node.module == CUSTODY
                or (
                    node.module == "danvan.petitions"
                    and any(a.name == "custody" for a in node.names)
                )
            )
        ):
            found.append(node)
        elif isinstance(node, ast.Constant) and node.value == CUSTODY:
            found.append(node)  # importlib.import_module("danvan.petitions.custody")
    return found


def test_scan_sees_the_whole_package() -> None:
    names = {name for name, _tree in modules()}
    assert {CUSTODY_FILE, "petitions/services/handling.py", "petitions/views/sealed.py"} <= names


def test_only_the_custodian_flow_and_sealed_services_import_the_decrypting_module() -> None:
    importers = {name for name, tree in modules() if custody_imports(tree)}
    assert importers == ALLOWED_IMPORTERS


def module_level(nodes: list[ast.stmt]) -> Iterator[ast.AST]:
    """Statements run at import time: everything but the bodies of functions."""
    for node in nodes:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers"):
            yield from module_level(getattr(node, field, []))


def test_sealed_services_import_it_only_inside_functions() -> None:
    # handling and intake import the sealed services; loading them must not load custody
    tree = dict(modules())["petitions/services/sealed.py"]
    for statement in module_level(tree.body):
        if isinstance(statement, ast.Import | ast.ImportFrom):
            assert not custody_imports(ast.Module(body=[statement], type_ignores=[])), (
                f"services/sealed.py:{statement.lineno} imports custody at module level"
            )
    # and it does import it, inside the functions that need it
    assert custody_imports(tree)


def test_no_other_module_decrypts_or_touches_aead() -> None:
    for name, tree in modules():
        if name == CUSTODY_FILE:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and not (
                name in FOREIGN_DECRYPT and node.attr == "decrypt"
            ):
                assert node.attr not in {"decrypt", "_decrypt", "_unwrap_data_key"}, (
                    f"{name}:{node.lineno} decrypts outside custody.py"
                )
            if isinstance(node, ast.ImportFrom) and node.module == CUSTODY:
                imported = {alias.name for alias in node.names}
                assert not imported & {"_decrypt", "_unwrap_data_key"}, name
            if name != CRYPTO_FILE and isinstance(node, ast.ImportFrom | ast.Import):
                modules_named = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [alias.name for alias in node.names]
                )
                assert not any(m.startswith("cryptography") for m in modules_named), (
                    f"{name}:{node.lineno} uses the cryptography package"
                )


def test_custody_is_where_decryption_is() -> None:
    # the scan would be vacuous if decryption moved: it is in custody.py
    tree = dict(modules())[CUSTODY_FILE]
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "decrypt" in attributes
