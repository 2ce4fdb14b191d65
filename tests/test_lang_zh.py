"""Chinese: no spaces or word boundaries, 非法移民 as people or as act, both scripts,
quotation marks 「」 and “”, mention cues, citations, fixes."""
from __future__ import annotations

import pytest

from termlint import fixer, morphology


def found(check, text):
    return [(f.rule, f.match, f.level.value) for f in check(text, lang="zh")]


# -- 非法移民: people or act (TERMINOLOGY.md 2.5) ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "海岸防衛隊去年共攔截約4.6萬名非法移民。",  # count and classifier 名
        "警方在仓库里发现一批非法移民。",  # classifier 批
        "他是一个非法移民，在餐馆打工。",  # classifier 个
        "美国约有1100万非法移民。",  # a number
        "政府决定遣返非法移民。",  # a verb that takes people
        "警方逮捕了非法移民。",
        "当局拘留非法移民长达数月。",
        "这些非法移民们住在工地。",  # plural marker
        "非法移民人數連續三年上升。",  # the number of people
        "非法移民被遣送回国。",  # passive of a verb that takes people
        "来自墨西哥的非法移民在农场工作。",
        "警方上周在货柜码头缉捕到的非法移民已被移交。",
    ],
)
def test_people_readings_are_errors(check, text):
    assert ("zh-illegal-immigrant-person", "非法移民", "error") in found(check, text)


@pytest.mark.parametrize(
    "text",
    [
        "非法移民问题困扰欧洲多年。",
        "政府承诺打击非法移民。",
        "这个非法移民问题多年来没有解决。",  # 个 counts the problem, not people
        "歐洲各國在非法移民困局面前意見分歧。",
    ],
)
def test_act_readings_are_warnings(check, text):
    hits = found(check, text)
    assert ("zh-illegal-immigration", "非法移民", "warning") in hits
    assert not any(level == "error" for _, _, level in hits)


@pytest.mark.parametrize(
    "text, match, rule, level",
    [
        ("警方拘捕三名非法入境者。", "非法入境者", "zh-illegal-entrant", "error"),
        ("警方拘捕三名非法入境者後將其遣返。", "非法入境者", "zh-illegal-entrant", "error"),
        ("工厂雇用了二十名非法劳工。", "非法劳工", "zh-illegal-worker", "error"),
        ("工廠僱用了二十名非法勞工。", "非法勞工", "zh-illegal-worker", "error"),
        ("东南亚籍偷渡客人数连年上升。", "偷渡客", "zh-toudu-ke", "warning"),
        ("東南亞籍偷渡客人數連年上升。", "偷渡客", "zh-toudu-ke", "warning"),
        ("今年第一季度，地中海航线的非法越境人数明显回升。", "非法越境", "zh-illegal-act", "warning"),
        ("他因非法滯留被捕。", "非法滯留", "zh-illegal-act", "warning"),
        ("希腊海岛承受难民潮的压力。", "难民潮", "zh-tide-metaphor", "warning"),
        ("希臘海島承受難民潮的壓力。", "難民潮", "zh-tide-metaphor", "warning"),
        ("大批难民涌入邻国。", "涌入", "zh-pour-in", "warning"),
        ("邊境小鎮十天內湧進近兩萬人，難民仍不斷抵達。", "湧進", "zh-pour-in", "warning"),
    ],
)
def test_simplified_and_traditional_forms(check, text, match, rule, level):
    assert (rule, match, level) in found(check, text)


def test_morphology_gives_both_scripts():
    assert morphology.forms("难民潮", "zh") == {"难民潮", "難民潮"}
    assert morphology.forms("滞留者", "zh") == {"滞留者", "滯留者"}
    assert morphology.forms("非法移民", "zh") == {"非法移民"}


@pytest.mark.parametrize(
    "text",
    [
        "川普承诺将驱逐数百万无证移民。",
        "报道时不妨换成中性的说法，例如无证移民或非正规移民。",
        "自俄罗斯入侵乌克兰以来，三百万人逃离。",
        "大量资金涌入股市。",
        "他们从水路偷渡来港。",
        "警方打击非法赌博和非法集资。",
        "根据《出境入境管理法》第六十二条，非法居留的外国人可以被遣送出境。",
        "《非法移民问题研究》一书于去年出版。",
    ],
)
def test_preferred_terms_other_senses_titles_and_citations(check, text):
    assert check(text, lang="zh") == []


# -- nuances ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "称某人“非法移民”，等于把一个有名有姓的人变成了罪名。",
        "「非法移民」一詞應停止使用。",
        "编辑部宣布今后不再使用“非法外国人”一词。",
        "所谓非法移民其实多是寻求庇护者。",
        "非法移民一词带有污名。",
        "他们不是非法移民，而是难民。",
        "报道使用了『难民潮』这一说法。",
    ],
)
def test_mentions_quotes_and_negation(check, text):
    assert [f for f in check(text, lang="zh") if f.level.value != "suggestion"] == []


def test_a_quoted_statement_is_downgraded(check):
    text = "市长在记者会上说：“过去一年，我们的社区接收了太多非法移民，学校已经不堪重负。”"
    hits = check(text, lang="zh")
    assert hits and all(f.level.value == "suggestion" and f.fix is None for f in hits)


# -- fixes ------------------------------------------------------------------------------


def fixed(check, text):
    fixes = [f.fix for f in check(text, lang="zh") if f.fix is not None]
    return fixer.apply(text, fixes, unsafe=True)[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("边境巡逻队拦截了约两万名非法移民。", "边境巡逻队拦截了约两万名身份不正常的移民。"),
        ("政府承诺打击非法移民。", "政府承诺打击非正常移徙。"),
        ("他因非法居留被罚款。", "他因非正常居留被罚款。"),
        ("他因非法滯留被捕。", "他因非正常滯留被捕。"),  # the traditional character is kept
        ("工厂雇用了二十名非法劳工。", "工厂雇用了二十名身份不正常的劳工。"),
    ],
)
def test_replacements(check, text, expected):
    assert fixed(check, text) == expected


def test_chinese_paragraphs_are_detected(check):
    assert [f.language for f in check("政府决定遣返非法移民。", lang=None)] == ["zh"]
