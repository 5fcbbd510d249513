"""``POST`` endpoints: documents in, through the library's ``ingest``, behind the token.

Posted documents are written to a private temporary directory as a JSON Lines feed (or as
the uploaded files, under sanitised names) and read from there by ``ingest.ingest``, the
same path the CLI takes: same readers, limits, rejections and idempotence. The directory is
removed afterwards; no request names a path of the server's file system.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import JSONResponse

from porteparole.api.models import BatchIn, DocumentIn, IngestOut, RejectedOut
from porteparole.query import to_jsonable

router = APIRouter()
MAX_FILES = 200
_UNSAFE = re.compile(r"[^\w.-]+")


@router.post("/documents", response_model=IngestOut, tags=["ingest"])
def post_document(request: Request, document: DocumentIn) -> JSONResponse:
    """Ingest one document (needs the token)."""
    return _ingest_feed(request, [document])


@router.post("/documents/batch", response_model=IngestOut, tags=["ingest"])
def post_batch(request: Request, batch: BatchIn) -> JSONResponse:
    """Ingest several documents at once (needs the token)."""
    return _ingest_feed(request, batch.documents)


@router.post("/files", response_model=IngestOut, tags=["ingest"])
def post_files(request: Request,
               files: Annotated[list[UploadFile], File(description="text, HTML or JSON "
                                                       "Lines files")]) -> JSONResponse:
    """Ingest uploaded files (needs the token); each is read as the CLI reads a file."""
    if len(files) > MAX_FILES:
        from porteparole.api.errors import ApiError

        raise ApiError(400, "too_many_files", f"at most {MAX_FILES} files a request")
    with tempfile.TemporaryDirectory(prefix="porteparole-upload-") as tmp:
        paths = []
        for i, upload in enumerate(files, 1):
            path = Path(tmp) / f"{i:03d}-{safe_name(upload.filename)}"
            path.write_bytes(upload.file.read())
            paths.append(path)
        return _ingest(request, paths)


def safe_name(name: str | None) -> str:
    """A file name that stays inside the upload directory: the last part of what the
    client sent, with anything but letters, digits, dots and dashes replaced."""
    base = Path((name or "upload").replace("\\", "/")).name.lstrip(".")
    return (_UNSAFE.sub("_", base) or "upload")[:100]


def _ingest_feed(request: Request, documents: list[DocumentIn]) -> JSONResponse:
    with tempfile.TemporaryDirectory(prefix="porteparole-upload-") as tmp:
        path = Path(tmp) / "posted.jsonl"
        with path.open("w", encoding="utf-8") as feed:
            for d in documents:
                feed.write(json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False))
                feed.write("\n")
        return _ingest(request, [path])


def _ingest(request: Request, paths: list[Path]) -> JSONResponse:
    from porteparole.ingest import ingest
    from porteparole.store import Store

    stores = request.app.state.stores
    with stores.write_lock, Store(stores.db) as store:
        result = ingest([str(p) for p in paths], store)
    rejected = tuple(RejectedOut(Path(r.origin.source).name, r.origin.line, r.reason, r.detail)
                     for r in result.rejected)
    return JSONResponse(to_jsonable(IngestOut(result.new, result.unchanged, rejected)))
