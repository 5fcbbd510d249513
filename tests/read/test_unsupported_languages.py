"""Languages porteparole does not analyse: a clear outcome (stored flagged, or rejected as
``unsupported_language``), never a misleading ImportError; CJK words are searchable."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from builders import cli_app
from porteparole import query
from porteparole.errors import LanguageError
from porteparole.ingest import ingest
from porteparole.pipeline import LANGUAGE_UNSUPPORTED, analyze
from porteparole.store import Store

# Sentences written for these tests.
TEXTS = {
    "zh": "外交部发言人今天主持例行记者会，回答了记者关于孟晚舟案件的提问。\n\n"
          "中方将继续与各方保持沟通，推动问题得到妥善解决。",
    "ja": "東京で外務大臣は記者会見を開き、地域の安全保障について話しました。\n\n"
          "政府は近隣諸国との対話を続ける方針です。",
    "ko": "서울에서 외교부 대변인은 오늘 기자회견을 열고 한반도 평화에 대해 말했습니다.\n\n"
          "정부는 주변국과의 대화를 계속할 것입니다.",
    "vi": "Người phát ngôn Bộ Ngoại giao hôm nay đã tổ chức họp báo thường kỳ tại Hà Nội "
          "và trả lời các câu hỏi của phóng viên về hợp tác khu vực.",
    "ru": "Официальный представитель министерства иностранных дел сегодня провела брифинг "
          "и ответила на вопросы журналистов о ходе переговоров.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for code, text in TEXTS.items():
        (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    return folder


def test_unsupported_languages_are_stored_flagged_without_nlp(corpus: Path,
                                                               tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        result = ingest([corpus], store)
        assert (result.new, result.unsupported, result.rejected_count) == (5, 5, 0)
        figures = query.report(store)
        assert figures.unsupported_language == 5
        assert dict(figures.unsupported_by_language) == {code: 1 for code in TEXTS}
        for row in store.rows("SELECT id, language FROM documents"):
            analysis = store.analysis(row["id"])
            assert analysis is not None
            assert LANGUAGE_UNSUPPORTED in analysis.document.flags
            assert analysis.paragraphs  # structure is kept
            assert not analysis.mentions and not analysis.quotes and not analysis.events


def test_unsupported_languages_can_be_rejected_with_the_reason(corpus: Path,
                                                               tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        result = ingest([corpus], store, unsupported="reject")
    assert result.new == 0 and result.rejected_count == 5
    for rejected in result.rejected:
        assert rejected.reason == "unsupported_language"
        assert "does not analyse" in rejected.detail


def test_the_cli_option_and_the_report_say_it(app: typer.Typer, corpus: Path,
                                              tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "5 in a language not analysed" in result.stdout
    report = CliRunner().invoke(app, ["report", "--db", db])
    assert "5 documents in a language porteparole does not analyse" in report.stdout
    bad = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db, "--unsupported", "x"])
    assert bad.exit_code == 2 and "--unsupported must be one of" in bad.stderr


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app()


def test_chinese_words_are_found_inside_unspaced_text(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest([corpus], store)
        for word, language in (("孟晚舟", "zh"), ("沟通", "zh"), ("安全保障", "ja"),
                               ("한반도", "ko"), ("Hà Nội", "vi")):
            hits = query.search(store, word)
            assert [h.language for h in hits] == [language], word
        hit = query.search(store, "孟晚舟")[0]
        assert "\x02孟\x03" in hit.snippet or "\x02孟晚舟\x03" in hit.snippet.replace(
            "\x03\x02", "")
        assert "\x1f" not in hit.snippet
        assert query.search(store, "孟晚舟 -沟通") == []


def test_search_on_the_chinese_foreign_ministry_pages_finds_every_page(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "fmprc-zh"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/fmprc-zh is not available")
    with Store(tmp_path / "zh.db") as store:
        result = ingest([corpus], store)
        assert result.new == result.unsupported > 30
        texts = {r["id"]: (r["title"] or "") + r["text"]
                 for r in store.rows("SELECT id, title, text FROM documents")}
        for word in ("朝鲜", "南海", "华为", "耿爽"):
            truth = {i for i, text in texts.items() if word in text}
            found = {h.document_id for h in query.search(store, word, limit=100)}
            assert found == truth and truth, word


@pytest.mark.parametrize("code", ["ja", "ko", "vi", "zh", "ru"])
def test_analyze_says_the_language_is_not_analysed(code: str) -> None:
    with pytest.raises(LanguageError, match="does not analyse") as caught:
        analyze(TEXTS[code])
    assert caught.value.code == "PP120"
    with pytest.raises(LanguageError):
        analyze("The minister spoke to reporters about the talks on trade.", language=code)
