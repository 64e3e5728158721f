"""Vietnamese typed in a legacy encoding and pasted as if it were Unicode: recognised, and converted back.

Before TCVN 6909:2001 (Unicode), Vietnamese was typed with 8-bit fonts and keyboard conventions that are still
in old office documents. Pasted into a Unicode file, their text arrives as mojibake:

- TCVN3 (ABC, the ``.Vn`` fonts): one byte per letter, read as Windows-1252: "LÔ héi" for "Lễ hội". Byte 0xAD
  is "ư" in TCVN3 but an invisible soft hyphen in Windows-1252: "n­íc" for "nước".
- VNI (the ``VNI-`` fonts): a base letter followed by bytes for its marks: "Vieät Nam" for "Việt Nam".
- VIQR: marks typed as ASCII after the letter: "Vie^.t Nam".
- Windows-1258: base letters and separate (combining) tone bytes, read as Windows-1252: "Viêòt" for "Việt".
- UTF-8 read as Windows-1252: "Lá»… há»™i" for "Lễ hội".

Whether a piece of text is in one of these is decided per field or paragraph, never per file, by what the
conversion does to its words: text is taken as legacy only when words that are not Vietnamese syllables
become Vietnamese syllables and more words are mended than broken. Correct Vietnamese and English are left
alone (a correct Vietnamese word stays a word, and a paragraph with letters such as "ư", "ạ" or "đ" cannot be
TCVN3, VNI or Windows-1258 text at all). The conversion tables are written out here, from the published code
charts, and tested by round trips over every Vietnamese letter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

# -- Vietnamese letters and syllables ----------------------------------------------------------------------

TONE_MARKS = {"grave": "\u0300", "acute": "\u0301", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}
_TONE_OF_MARK = {mark: tone for tone, mark in TONE_MARKS.items()}
VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def toned(vowel: str, tone: str | None) -> str:
    """A vowel (with its circumflex, breve or horn) carrying a tone: ``toned("ê", "dot") == "ệ"``."""
    return unicodedata.normalize("NFC", vowel + (TONE_MARKS[tone] if tone else ""))


def _split(letter: str) -> tuple[str, str | None]:
    """A letter's base (with circumflex, breve or horn) and its tone."""
    tone = None
    bare = []
    for char in unicodedata.normalize("NFD", letter):
        if char in _TONE_OF_MARK:
            tone = _TONE_OF_MARK[char]
        else:
            bare.append(char)
    return unicodedata.normalize("NFC", "".join(bare)), tone


def vietnamese_letters() -> list[str]:
    """Every letter of the Vietnamese alphabet with a diacritic, lower case then upper case (134 letters)."""
    lower = [toned(v, t) for v in VOWELS for t in (None, *TONE_MARKS)]
    lower = [c for c in lower if not c.isascii()] + ["đ"]
    return lower + [c.upper() for c in lower]


_ONSETS = ("ngh", "ng", "gh", "gi", "kh", "ch", "nh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_RHYMES = (
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây",
    "e", "ec", "em", "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu",
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay",
    "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oem", "oen", "oeng", "oeo", "oet",
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "uc", "ui", "um", "un", "ung", "up", "ut", "ua", "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uơ",
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "uy", "uya", "uych", "uyn", "uynh", "uyp", "uyt", "uyu", "uyên",
    "uyêt", "ư", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", "ưa", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt",
    "ươu", "y", "yêm", "yên", "yêng", "yêt", "yêu",
)
_SYLLABLE = re.compile(
    f"({'|'.join(_ONSETS)})?({'|'.join(sorted(_RHYMES, key=len, reverse=True))})")
_MODIFIED_VOWELS = "ăâêôơư"
_VOWEL_LETTERS = "aăâeêioôơuưy"


def is_syllable(word: str) -> bool:
    """Whether ``word`` is written as a Vietnamese syllable: an onset, a rhyme, at most one tone mark, on the
    vowel that carries it (old "hóa" and new "hoá" placements both count)."""
    if not word or len(word) > 8:
        return False
    bare: list[str] = []
    tone_at = -1
    for char in word.lower():
        base, tone = _split(char)
        if tone is not None:
            if tone_at >= 0:
                return False
            tone_at = len(bare)
        bare.extend(base)
    match = _SYLLABLE.fullmatch("".join(bare))
    if match is None:
        return False
    if tone_at < 0:
        return True
    onset, rhyme = match.group(1) or "", match.group(2)
    position = tone_at - len(onset)
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWEL_LETTERS]
    modified = [i for i in vowels if rhyme[i] in _MODIFIED_VOWELS]
    if position < 0:
        return False
    if modified:
        return position == modified[-1]
    if len(vowels) == 1 or vowels[-1] < len(rhyme) - 1:  # one vowel, or a final consonant: the last vowel
        return position == vowels[-1]
    if len(vowels) == 3:
        return position == vowels[1]
    if rhyme in ("oa", "oe", "uy"):
        return position in vowels
    return position == vowels[0]


# Vietnamese letters that Windows-1252 cannot hold: text with one of them was typed in Unicode.
_UNICODE_ONLY = re.compile("[" + "".join(sorted({c for c in vietnamese_letters() if ord(c) > 0xFF})) + "]")
_PUNCTUATION = "\"'()[]{}<>.,;:!?…“”‘’*_`~|/\\"


def _core(token: str) -> str:
    return token.strip(_PUNCTUATION)


# -- the encodings -----------------------------------------------------------------------------------------

class Encoding(StrEnum):
    TCVN3 = "tcvn3"
    VNI = "vni"
    VIQR = "viqr"
    WINDOWS_1258 = "windows-1258"
    UTF8_AS_1252 = "utf-8"


NAMES: dict[Encoding, tuple[str, str]] = {
    Encoding.TCVN3: ("bảng mã TCVN3 (ABC, phông .Vn)", "the TCVN3 (ABC, .Vn fonts) encoding"),
    Encoding.VNI: ("bảng mã VNI (phông VNI-)", "the VNI encoding (VNI- fonts)"),
    Encoding.VIQR: ("kiểu gõ VIQR (dấu bằng ký tự ASCII)", "VIQR (marks typed as ASCII characters)"),
    Encoding.WINDOWS_1258: ("bảng mã Windows-1258 (dấu thanh rời)", "the Windows-1258 encoding (separate tone marks)"),
    Encoding.UTF8_AS_1252: ("chữ UTF-8 bị đọc nhầm thành Windows-1252",
                            "UTF-8 text that was read as Windows-1252"),
}

# TCVN 5712:1993 VN3 ("ABC"): byte -> letter. VN3 has no capitals with tone marks; they were typed with the
# same bytes in an all-capitals font (.VnTimeH), so such text converts to lower case letters.
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
# Pasted as Unicode, each byte shows as its Windows-1252 character (the same as Latin-1 from 0xA0 up).
_TCVN3_DECODE = {chr(byte): letter for byte, letter in _TCVN3_BYTES.items()}
_TCVN3_ENCODE = {letter: chr(byte) for byte, letter in _TCVN3_BYTES.items()}


def tcvn3_decode(text: str) -> str:
    out = "".join(_TCVN3_DECODE.get(c, c) for c in text)
    ascii_letters = [c for c in text if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters) and out != text:
        return out.upper()  # typed in an all-capitals .VnTimeH font: "HéI" is "HỘI"
    return out


def tcvn3_encode(text: str) -> str:
    return "".join(_TCVN3_ENCODE.get(c, c) for c in text)


# VNI Windows: vowels and their marks. Each mark byte is given as the Windows-1252 character it shows as,
# lower case first; a capital letter usually takes the capital mark, but either is read.
_VNI_TONES = {"ø": "grave", "Ø": "grave", "ù": "acute", "Ù": "acute", "û": "hook", "Û": "hook",
              "õ": "tilde", "Õ": "tilde", "ï": "dot", "Ï": "dot"}
_VNI_CIRCUMFLEX = {"â": None, "Â": None, "à": "grave", "À": "grave", "á": "acute", "Á": "acute",
                   "å": "hook", "Å": "hook", "ã": "tilde", "Ã": "tilde", "ä": "dot", "Ä": "dot"}
_VNI_BREVE = {"ê": None, "Ê": None, "è": "grave", "È": "grave", "é": "acute", "É": "acute",
              "ú": "hook", "Ú": "hook", "ü": "tilde", "Ü": "tilde", "ë": "dot", "Ë": "dot"}
# Letters VNI writes as one byte of their own.
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "î": "ỵ", "Î": "Ỵ",
               "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị"}
_VNI_TAKES_MARKS = set("aeouyAEOUYơưƠƯ")


def vni_decode(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = _VNI_SINGLE.get(text[i], text[i])
        i += 1
        if char not in _VNI_TAKES_MARKS:
            out.append(char)
            continue
        base, tone = char.lower(), None
        if i < n and base in "aeo" and text[i] in _VNI_CIRCUMFLEX:
            base, tone = {"a": "â", "e": "ê", "o": "ô"}[base], _VNI_CIRCUMFLEX[text[i]]
            i += 1
        elif i < n and base == "a" and text[i] in _VNI_BREVE:
            base, tone = "ă", _VNI_BREVE[text[i]]
            i += 1
        if tone is None and i < n and text[i] in _VNI_TONES:
            tone = _VNI_TONES[text[i]]
            i += 1
        letter = toned(base, tone)
        out.append(letter.upper() if char.isupper() else letter)
    return "".join(out)


_VNI_TONE_BYTE = {tone: mark for mark, tone in _VNI_TONES.items() if mark.islower()}
_VNI_CIRCUMFLEX_BYTE = {tone: mark for mark, tone in _VNI_CIRCUMFLEX.items() if mark.islower()}
_VNI_BREVE_BYTE = {tone: mark for mark, tone in _VNI_BREVE.items() if mark.islower()}
_VNI_SINGLE_ENCODE = {letter: byte for byte, letter in _VNI_SINGLE.items()}


def vni_encode(text: str) -> str:
    out = []
    for char in text:
        if char in _VNI_SINGLE_ENCODE:
            out.append(_VNI_SINGLE_ENCODE[char])
            continue
        base, tone = _split(char)
        lower, upper = base.lower(), char.isupper()
        mark = str.upper if upper else str.lower

        if lower in ("â", "ê", "ô"):
            plain = {"â": "a", "ê": "e", "ô": "o"}[lower]
            out.append(plain.upper() if upper else plain)
            out.append(mark(_VNI_CIRCUMFLEX_BYTE[tone]))
        elif lower == "ă":
            out.append("A" if upper else "a")
            out.append(mark(_VNI_BREVE_BYTE[tone]))
        elif lower in ("ơ", "ư") and tone:
            out.append(mark({"ơ": "ô", "ư": "ö"}[lower]))
            out.append(mark(_VNI_TONE_BYTE[tone]))
        elif lower == "i" and tone:
            single = toned("i", tone)
            out.append(_VNI_SINGLE_ENCODE[single.upper() if upper else single])
        elif lower == "y" and tone == "dot":
            out.append("Î" if upper else "î")
        elif tone:
            out.append(base)
            out.append(mark(_VNI_TONE_BYTE[tone]))
        else:
            out.append(char)
    return "".join(out)


# VIQR (RFC 1456): the letter, then its vowel mark (^ ( +), then its tone (' ` ? ~ .); dd for đ.
_VIQR_TONES = {"'": "acute", "`": "grave", "?": "hook", "~": "tilde", ".": "dot"}
_VIQR_MODIFIED = {("a", "^"): "â", ("e", "^"): "ê", ("o", "^"): "ô", ("a", "("): "ă", ("o", "+"): "ơ", ("u", "+"): "ư"}


def viqr_decode(text: str) -> str:
    """RFC 1456: a mark after a vowel belongs to it; a backslash makes the next character literal. A tone mark
    after a syllable that already has its tone is punctuation ("No^.i." is "Nội.")."""
    out: list[str] = []
    i, n = 0, len(text)
    syllable_toned = False
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n:  # an escaped mark is the character itself
            out.append(text[i + 1])
            i += 2
            continue
        if not char.isalpha():
            syllable_toned = False
        if char in "dD" and i + 1 < n and text[i + 1] in "dD" and (
                not out or not out[-1].isalpha() or (char == text[i + 1] == "D" and out[-1].isupper())):
            out.append("Đ" if char == "D" else "đ")
            i += 2
            continue
        i += 1
        if char.lower() not in "aeiouy":
            out.append(char)
            continue
        base, tone = char.lower(), None
        if i < n and (base, text[i]) in _VIQR_MODIFIED:
            base = _VIQR_MODIFIED[(base, text[i])]
            i += 1
        if i < n and text[i] in _VIQR_TONES and not syllable_toned:
            tone = _VIQR_TONES[text[i]]
            syllable_toned = True
            i += 1
        letter = toned(base, tone)
        out.append(letter.upper() if char.isupper() else letter)
    return "".join(out)


_VIQR_MODIFIER_OF = {letter: base + mark for (base, mark), letter in _VIQR_MODIFIED.items()}
_VIQR_TONE_CHAR = {tone: mark for mark, tone in _VIQR_TONES.items()}


def viqr_encode(text: str) -> str:
    """RFC 1456, escaping with a backslash any mark character that would otherwise be read as a mark."""
    out: list[str] = []
    after_vowel = False
    for index, char in enumerate(text):
        if char in "^(+'`?~.\\" and after_vowel:
            out.append("\\" + char)
            after_vowel = False
            continue
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
            after_vowel = False
            continue
        if char in "dD" and index + 1 < len(text) and text[index + 1] in "dD" and (
                index == 0 or not text[index - 1].isalpha()
                or (char == text[index + 1] == "D" and text[index - 1].isupper())):
            out.append(char + "\\")  # a literal "dd" is written "d\d"
            after_vowel = False
            continue
        base, tone = _split(char)
        lower = base.lower()
        if lower not in VOWELS:
            out.append(char)
            after_vowel = False
            continue
        written = _VIQR_MODIFIER_OF.get(lower, lower)
        if char.isupper():
            written = written[0].upper() + written[1:]
        out.append(written + (_VIQR_TONE_CHAR[tone] if tone else ""))
        after_vowel = True
    return "".join(out)


# Windows-1258 keeps the base letters (with circumflex, breve, horn) and types the tone as a separate byte.
def windows_1258_encode(text: str) -> str:
    """Vietnamese as Windows-1258 bytes (tones as separate bytes), shown as Windows-1252 characters."""
    decomposed = "".join(base + (TONE_MARKS[tone] if tone else "") for base, tone in map(_split, text))
    return decomposed.encode("cp1258").decode("cp1252")


def windows_1258_decode(text: str) -> str:
    return unicodedata.normalize("NFC", text.encode("cp1252").decode("cp1258"))


def _to_1252_bytes(text: str) -> bytes:
    """Text back to the bytes Windows-1252 read it from; its five unused bytes come back as C1 controls."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if 0x80 <= ord(char) <= 0x9F:
                out.append(ord(char))
            else:
                raise
    return bytes(out)


def utf8_decode(text: str) -> str:
    return _to_1252_bytes(text).decode("utf-8")


def utf8_encode(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (the five unused bytes become C1 controls, as Windows shows them)."""
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
                   for b in text.encode("utf-8"))


DECODERS: dict[Encoding, Callable[[str], str]] = {
    Encoding.TCVN3: tcvn3_decode,
    Encoding.VNI: vni_decode,
    Encoding.VIQR: viqr_decode,
    Encoding.WINDOWS_1258: windows_1258_decode,
    Encoding.UTF8_AS_1252: utf8_decode,
}
ENCODERS: dict[Encoding, Callable[[str], str]] = {
    Encoding.TCVN3: tcvn3_encode,
    Encoding.VNI: vni_encode,
    Encoding.VIQR: viqr_encode,
    Encoding.WINDOWS_1258: windows_1258_encode,
    Encoding.UTF8_AS_1252: utf8_encode,
}

# -- judging a piece of text -------------------------------------------------------------------------------

_WORD = re.compile(r"[^ \t\n\r\f\v\-/]+")  # a no-break space is part of a word: UTF-8 "à" is C3 A0
_HIGH = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
                   "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# Characters of Windows-1252 that are not Vietnamese letters: in a word, they point to a legacy encoding.
_FOREIGN = re.compile("[" + "".join(
    c for c in map(chr, range(0xA1, 0x100)) if c not in set(vietnamese_letters()) and c not in "×÷")
    + "\u0080-\u009f]")
_VIQR_MODIFIER = re.compile(
    r"(?:[aAeEoO]\^|[aA]\(|[oOuU]\+)(?:['`?~.]?)[a-zA-Z]*|(?<![A-Za-z])(?:dd|DD|Dd)[aeiouyAEIOUY]")
_SYMBOL_IN_WORD = re.compile(
    "[ªµº" + "".join(c for c in map(chr, range(0xA1, 0x100)) if not c.isalpha()) + "\u0080-\u009f]")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_VIQR_WORD = re.compile(r"(?:\\.|[A-Za-z])(?:\\.|[A-Za-z^(+'`?~.])*")


@dataclass(frozen=True)
class Verdict:
    """What a piece of text is, and how to convert it: every word, or only the words judged legacy (a paragraph
    typed in Unicode with a few legacy words pasted into it)."""

    encoding: Encoding
    words: frozenset[str] | None = None  # None: every word

    def convert(self, text: str) -> str:
        """``text`` in Unicode; inline code (between backticks) is left as it is, except in VIQR, whose grave
        accent is the backtick."""
        if self.encoding is Encoding.VIQR:
            return self._convert(text)
        parts = _INLINE_CODE.split(text)
        codes = _INLINE_CODE.findall(text)
        out = [self._convert(parts[0])]
        for code, part in zip(codes, parts[1:], strict=True):
            out += [code, self._convert(part)]
        return "".join(out)

    def _convert(self, text: str) -> str:
        decode = DECODERS[self.encoding]
        pattern = _VIQR_WORD if self.encoding is Encoding.VIQR else _WORD

        def one(match: re.Match[str]) -> str:
            word = match.group(0)
            if self.words is not None and word not in self.words:
                return word
            try:
                return decode(word)
            except (UnicodeError, ValueError):
                return word

        return pattern.sub(one, text)


def _words_judged(suspects: Iterable[str], decode: Callable[[str], str]) -> tuple[int, int, int, set[str]]:
    """Counts of the suspect words the conversion mends (not a syllable -> a syllable), breaks (the reverse) and
    leaves either way, with the mended words."""
    mended, broken, neutral, words = 0, 0, 0, set()
    for word in suspects:
        try:
            after = decode(word)
        except (UnicodeError, ValueError):
            continue
        if after == word:
            continue
        before_ok, after_ok = is_syllable(_core(word)), is_syllable(_core(after))
        if not after_ok and _FOREIGN.search(word) and not _FOREIGN.search(after):
            after_ok = _is_abbreviation(_core(after))  # "QÑ" is "QĐ"
        if after_ok and not before_ok:
            mended += 1
            words.add(word)
        elif before_ok and not after_ok:
            broken += 1
        else:
            neutral += 1
    return mended, broken, neutral, words


def _by_syllables(text: str, unicode_letters: bool) -> Verdict | None:
    """TCVN3, VNI and Windows-1258, judged by what each conversion does to the words; the one that mends most
    wins. In text that also holds Unicode-only letters, only words with a character foreign to Vietnamese are
    looked at."""
    suspect = _FOREIGN if unicode_letters else _HIGH
    suspects = [word for word in set(_WORD.findall(text)) if suspect.search(word)]  # found once, for every encoding
    if not suspects:
        return None
    best: tuple[int, int, Verdict] | None = None
    for encoding in (Encoding.TCVN3, Encoding.VNI, Encoding.WINDOWS_1258):
        mended, broken, neutral, words = _words_judged(suspects, DECODERS[encoding])
        if not mended or mended <= broken or mended * 3 < mended + broken + neutral:
            continue
        verdict = Verdict(encoding, frozenset(words) if unicode_letters else None)
        # Symbols inside words ("Kh«ng", "v¨n") or several mended words are strong evidence; one word of Latin
        # letters ("héi") is weak, as a foreign name in English shows ("Ingy döt Net"): then every word must
        # become Vietnamese ("LÔ héi" does).
        strong = mended >= 2 or any(_SYMBOL_IN_WORD.search(word) for word in words)
        if not unicode_letters and not reads_as_vietnamese(verdict.convert(text), 0.5 if strong else 1.0):
            continue
        if best is None or (mended - broken, mended) > best[:2]:
            best = (mended - broken, mended, verdict)
    return best[2] if best else None


def _is_abbreviation(word: str) -> bool:
    """Capitals of an official abbreviation with a Vietnamese letter: "QĐ", "NĐ-CP", "UBND"."""
    return 1 < len(word) <= 8 and word.isupper() and all((c.isascii() and c.isalpha()) or c == "Đ" for c in word)


def reads_as_vietnamese(text: str, share: float = 0.5) -> bool:
    """At least ``share`` of its words are Vietnamese syllables (numbers and abbreviations such as "QĐ-UBND"
    aside)."""
    words = [_core(w) for w in _WORD.findall(text)]
    words = [w for w in words if any(c.isalpha() for c in w) and not any(c.isdigit() for c in w)
             and not (w.isupper() and not is_syllable(w))]
    return bool(words) and sum(map(is_syllable, words)) >= share * len(words)


def _utf8(text: str) -> Verdict | None:
    """UTF-8 read as Windows-1252: a word whose bytes are valid UTF-8 with a character beyond ASCII."""
    words = set()
    for word in set(_WORD.findall(text)):
        if not _HIGH.search(word):
            continue
        try:
            after = utf8_decode(word)
        except (UnicodeError, ValueError):
            continue
        if after != word and any(not c.isascii() for c in after):
            words.add(word)
    if not words:
        return None
    return Verdict(Encoding.UTF8_AS_1252, frozenset(words))


_VIQR_HINT = re.compile(r"[aeoAEO]\^|[aA]\(|[oOuU]\+|[dD][dD]|[aeiouyAEIOUY][`?~.][a-zA-Z]")
_VIQR_INNER_TONE = re.compile(r"[aeiouyAEIOUY][`?~.][a-zA-Z]")  # a tone inside a word (never ', for "I'm")


@functools.lru_cache(maxsize=1 << 16)  # bounded: a pull request's text cannot grow it without limit
def _viqr_syllable(word: str) -> bool:
    """Whether ``word`` holds VIQR marks that decode to a Vietnamese syllable. VIQR is the last judge of every
    text that is neither ASCII nor plainly Unicode Vietnamese (English with a dash or an accented name), and
    prose repeats its words, so each word's answer is remembered."""
    decoded = viqr_decode(word)
    return decoded != word and is_syllable(_core(decoded))


def _viqr(text: str) -> Verdict | None:
    """VIQR: words with a vowel mark (^ ( +) or a tone inside them that decode to Vietnamese syllables."""
    words = [w for w in _VIQR_WORD.findall(text) if any(c.isalpha() for c in w)]
    marked = [w for w in words if _viqr_syllable(w)]
    modified = [w for w in marked if _VIQR_MODIFIER.search(w)]
    inner = [w for w in marked if _VIQR_INNER_TONE.search(w)]
    share = len(marked) * 10 >= len(words) * 3
    if len(modified) >= 2 or (modified and share) or (len(inner) >= 2 and share):
        return Verdict(Encoding.VIQR)
    return None


def judge(text: str) -> Verdict | None:
    """Whether ``text`` (one field or paragraph) is Vietnamese in a legacy encoding, and which."""
    if text.isascii():
        return _viqr(text) if _VIQR_HINT.search(text) else None
    unicode_letters = _UNICODE_ONLY.search(text) is not None
    if unicode_letters and not _FOREIGN.search(text):
        return None  # Vietnamese in Unicode with nothing foreign in it: the usual case, decided at once
    return _utf8(text) or _by_syllables(text, unicode_letters) or _viqr(text)


# -- where text lives in a content file --------------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~)")


def paragraphs(body: str) -> Iterator[tuple[int, int, str]]:
    """Each paragraph of a Markdown body as (start, end, text), leaving code blocks and inline code out."""
    position, block_start, in_fence = 0, None, False
    lines = body.splitlines(keepends=True)
    for line in [*lines, ""]:
        stripped = line.strip()
        if _FENCE.match(stripped):
            in_fence = not in_fence
        if in_fence or _FENCE.match(stripped) or not stripped:
            if block_start is not None:
                yield block_start, position, body[block_start:position]
                block_start = None
        elif block_start is None:
            block_start = position
        position += len(line)


_LINE_VALUE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:[A-Za-z_][\w-]*:[ \t]+)?(?P<value>\S.*?)[ \t]*$", re.M)


def line_values(front: str) -> Iterator[tuple[int, int, str]]:
    """Each line's value in front matter that YAML cannot read (for instance because UTF-8 read as Windows-1252
    left control characters in it), as (start, end, text): legacy text is still found and converted there."""
    for match in _LINE_VALUE.finditer(front):
        value = match.group("value")
        if value not in ("|", ">", "|-", ">-"):
            yield match.start("value"), match.end("value"), value


def strings(value: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value in parsed front matter, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def judge_paragraph(text: str) -> Verdict | None:
    """A paragraph's verdict, its inline code set aside (code is not prose); VIQR, whose grave accent is the
    backtick, is judged on the whole paragraph."""
    prose = _INLINE_CODE.sub(" ", text)
    verdict = judge(prose) if prose.strip() else None
    if verdict is None and "`" in text:
        whole = _viqr(text)
        return whole if whole else None
    return verdict
