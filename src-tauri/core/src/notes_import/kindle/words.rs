//! The words Kindles write on a clipping's metadata line, in every interface
//! language whose clippings we have seen documented: what kind of clipping it
//! is, where it is (page, location) and when it was added, with the month
//! names and clock words of their dates.
//!
//! All of it lower case. Devices and firmware versions word the same thing
//! differently ("Your Highlight", "Highlight", "Ihre Markierung", "Deine
//! Markierung", "La mia evidenziazione", "我的标注", "您在位置 #… 的标注"), so
//! the line is read by these words wherever they stand, not by one pattern
//! per language.

/// Words naming a bookmark (looked for first: "marcador de página" is one).
pub const BOOKMARK: &[&str] = &[
    "bookmark",
    "lesezeichen",
    "marcador",
    "signet",
    "segnalibro",
    "bladwijzer",
    "закладка",
    "закладку",
    "ブックマーク",
    "书签",
    "書籤",
    "북마크",
];

/// Words naming a highlight. Kindle Scribe's underline, circle and asterisk
/// marks and a clipped article are passages of the book like highlights.
pub const HIGHLIGHT: &[&str] = &[
    "highlight",
    "underline",
    "circle",
    "asterisk",
    "clip this article",
    "markierung",
    "subrayado",
    "surlignement",
    "surlignage",
    "evidenziazione",
    "destaque",
    "markering",
    "выделенный",
    "выделение",
    "ハイライト",
    "标注",
    "標註",
    "標注",
    "劃線",
    "畫線",
    "하이라이트",
];

/// Words naming a note.
pub const NOTE: &[&str] = &["note", "notiz", "nota", "notitie", "заметка", "メモ", "笔记", "筆記", "附註", "메모"];

/// Words a page number follows ("page 12", "Seite 12", "ページ222").
pub const PAGE_BEFORE_NUMBER: &[&str] = &["page", "seite", "página", "pagina", "страница", "странице", "ページ", "第", "페이지", "pág."];

/// Words a page number precedes ("26ページ", "第 88 页").
pub const PAGE_AFTER_NUMBER: &[&str] = &["ページ", "页", "頁", "페이지"];

/// Words a location follows ("Location 170-172", "Loc. 5444-45", "位置No. 295").
pub const LOCATION: &[&str] = &[
    "location",
    "loc.",
    "loc ",
    "position",
    "pos.",
    "emplacement",
    "posición",
    "posicion",
    "posizione",
    "posição",
    "posicao",
    "locatie",
    "местоположение",
    "месте",
    "место",
    "позиция",
    "позиции",
    "位置no.",
    "位置",
    "위치",
];

/// Words that open the date ("Added on", "Hinzugefügt am", "添加于").
pub const ADDED: &[&str] = &[
    "added on",
    "hinzugefügt am",
    "ajouté le",
    "añadido el",
    "agregado el",
    "aggiunto il",
    "aggiunto in data",
    "adicionado na data",
    "adicionado em",
    "adicionado:",
    "toegevoegd op",
    "добавлено",
    "追加日",
    "作成日",
    "添加于",
    "已添加至",
    "新增於",
    "添加於",
    "加入於",
    "추가됨",
    "추가 날짜",
];

/// Month names and abbreviations, with their numbers: English, German,
/// French, Spanish, Italian, Portuguese, Dutch and Russian (nominative and
/// the genitive a date uses).
#[rustfmt::skip]
pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
    ("januar", 1), ("jänner", 1), ("februar", 2), ("märz", 3), ("maerz", 3), ("mai", 5), ("juni", 6), ("juli", 7),
    ("oktober", 10), ("dezember", 12),
    ("janvier", 1), ("février", 2), ("fevrier", 2), ("mars", 3), ("avril", 4), ("juin", 6), ("juillet", 7),
    ("août", 8), ("aout", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11), ("décembre", 12), ("decembre", 12),
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("setiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
    ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("marco", 3), ("maio", 5), ("junho", 6), ("julho", 7),
    ("setembro", 9), ("outubro", 10), ("novembro", 11), ("dezembro", 12),
    ("januari", 1), ("februari", 2), ("maart", 3), ("mei", 5), ("augustus", 8),
    ("январь", 1), ("февраль", 2), ("март", 3), ("апрель", 4), ("май", 5), ("июнь", 6), ("июль", 7),
    ("август", 8), ("сентябрь", 9), ("октябрь", 10), ("ноябрь", 11), ("декабрь", 12),
    ("января", 1), ("февраля", 2), ("марта", 3), ("апреля", 4), ("мая", 5), ("июня", 6), ("июля", 7),
    ("августа", 8), ("сентября", 9), ("октября", 10), ("ноября", 11), ("декабря", 12),
];

/// Words for the afternoon half of a 12-hour clock.
pub const PM: &[&str] = &["pm", "p.m.", "p.m", "下午", "午後", "오후"];
/// Words for the morning half.
pub const AM: &[&str] = &["am", "a.m.", "a.m", "上午", "午前", "오전"];

/// The year, month and day markers of a Chinese, Japanese or Korean date.
pub const CJK_YEAR: &[char] = &['年', '년'];
pub const CJK_MONTH: &[char] = &['月', '월'];
pub const CJK_DAY: &[char] = &['日', '일'];

/// How the Kindle says a publisher's clipping limit cut the text short: the
/// words inside the angle brackets it writes instead of the passage.
pub const CLIPPING_LIMIT: &[&str] = &[
    "clipping limit",
    "límite de recortes",
    "limite de recortes",
    "markierungslimit",
    "limite",
    "limit",
    "剪贴限制",
    "剪貼限制",
    "クリップの上限",
    "クリップ上限",
    "максимального количества",
    "limiet",
];
