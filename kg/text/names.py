"""Name keys: one person, one key, whatever the script.

A Chinese official appears as 王子联, 王子聯, "Wang Zilian", "WANG Zilian", "Ван Цзылянь" and the
Russian case forms "Ван Цзыляня", "Ван Цзыляню", "Ван Цзылянем", "Ван Цзыляне"; all of them get the
name key ``wang-zilian``.

Invariants
----------
* A key is lower-case ASCII: letters, digits and hyphens, no apostrophes, no leading, trailing or
  doubled hyphens.
* A Chinese name's key is ``surname-given``: the toneless pinyin of the surname (compound surnames
  joined: ``ouyang``), a hyphen, then the given name's syllables joined (``zhijun``). Apostrophes
  are dropped, so 王西安 (Wang Xi'an) and 王先 (Wang Xian) share the key ``wang-xian``.
* ü is written ``v`` after l and n (``lv``, ``nv``, ``lve``, ``nve``, as in ASCII pinyin input)
  and ``u`` after j, q, x, y (``ju``, ``xue``, ``yuan``), where it cannot be confused with u. The
  English label (:func:`pinyin_name`) uses the real letter: "Lü".
* ``han_key(h) == han_key(to_simplified(h))``.
* ``name_key(pinyin_name(h)) == han_key(h)`` when the given name has one or two syllables.
* ``cyrillic_key(palladius_name(k)) == k`` for keys of Chinese names whose surname is in
  :data:`SURNAMES` (syllable ``lo`` aside: Palladius writes lo and luo alike, ло, read back as luo).
* ``latin_key`` is idempotent on its own output written as a name (hyphens to spaces, title case)
  for names made of plain letters.
* Other names get a plain slug: "Helmut Stettner" -> ``helmut-stettner``, "Kim Min-jun" ->
  ``kim-min-jun``, "Иван Петров" -> ``ivan-petrov`` (GOST-like transliteration).

Readings that cannot be told apart are resolved in a fixed, documented order: a Latin word splits
into the fewest pinyin syllables, then the fewest syllables starting with a, o, e without an
apostrophe, then the longest first syllable; a Russian word is read in the nominative first, then
with a case ending stripped (see :func:`cyrillic_keys` for every reading).

Everything here is a pure function; the only state is a few tables built on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.text.language import to_simplified
from kg.text.normalize import fold

__all__ = [
    "SURNAMES",
    "COMPOUND_SURNAMES",
    "SYLLABLES",
    "PALLADIUS",
    "surname_of",
    "surname_pinyin",
    "han_pinyin",
    "pinyin_name",
    "han_key",
    "split_pinyin",
    "is_pinyin_name",
    "latin_key",
    "slug",
    "cyrillic_keys",
    "cyrillic_key",
    "palladius_name",
    "russian_to_latin",
    "name_key",
]

# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------

# Single-character surnames in simplified Chinese: the modern frequency ranking (about the first
# 400), plus the rarer surnames whose reading differs from the character's usual one.
_SINGLE_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁"
    "沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼"
    "盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都"
    "普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居"
    "揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习洪赖钮汝邴糜弓牧隗郗怀鄂逄扶宰郦濮宦庾暨弘禄殳"
    "沃越夔融訾乜须巢蒯竺桓召能种秘黑繁重员句贲折佴粘"
)

COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 长孙 宇文 司徒 申屠 澹台 轩辕 端木 闻人 "
    "呼延 万俟 独孤 南宫 西门 钟离 司空 太史 公冶 濮阳 淳于 赫连 东郭 左丘 谷梁 拓跋 纳兰 完颜 公羊 "
    "梁丘 宗政 巫马 亓官 仲孙 羊舌 微生 公西 漆雕 壤驷 段干 司寇 颛孙 鲜于 闾丘".split()
)
"""Compound (two-character) surnames."""

SURNAMES: frozenset[str] = frozenset(_SINGLE_SURNAMES) | COMPOUND_SURNAMES
"""Common Chinese surnames in simplified characters, single and compound."""

# Surname readings that differ from pypinyin's default reading of the character.
_SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    k: tuple(v.split("."))
    for k, v in (
        item.split("=")
        for item in (
            "单=shan 曾=zeng 仇=qiu 解=xie 区=ou 朴=piao 查=zha 盖=ge 覃=qin 乐=yue 缪=miao 翟=zhai "
            "召=shao 能=nai 种=chong 秘=bi 黑=he 繁=po 重=chong 卜=bu 薄=bo 阚=kan 都=du 隗=wei "
            "员=yun 句=gou 贲=ben 折=she 佴=nai 粘=nian 尉迟=yu.chi 万俟=mo.qi 长孙=zhang.sun "
            "澹台=tan.tai 令狐=ling.hu"
        ).split()
    )
}

# Toneless pinyin syllables (v = ü) and their Palladius (Russian) spelling.
_PALLADIUS_TABLE = """
a=а ai=ай an=ань ang=ан ao=ао ba=ба bai=бай ban=бань bang=бан bao=бао bei=бэй ben=бэнь beng=бэн
bi=би bian=бянь biao=бяо bie=бе bin=бинь bing=бин bo=бо bu=бу ca=ца cai=цай can=цань cang=цан
cao=цао ce=цэ cen=цэнь ceng=цэн cha=ча chai=чай chan=чань chang=чан chao=чао che=чэ chen=чэнь
cheng=чэн chi=чи chong=чун chou=чоу chu=чу chuai=чуай chuan=чуань chuang=чуан chui=чуй chun=чунь
chuo=чо ci=цы cong=цун cou=цоу cu=цу cuan=цуань cui=цуй cun=цунь cuo=цо da=да dai=дай dan=дань
dang=дан dao=дао de=дэ deng=дэн di=ди dia=дя dian=дянь diao=дяо die=де ding=дин diu=дю dong=дун
dou=доу du=ду duan=дуань dui=дуй dun=дунь duo=до e=э ei=эй en=энь eng=эн er=эр fa=фа fan=фань
fang=фан fei=фэй fen=фэнь feng=фэн fo=фо fou=фоу fu=фу ga=га gai=гай gan=гань gang=ган gao=гао ge=гэ
gei=гэй gen=гэнь geng=гэн gong=гун gou=гоу gu=гу gua=гуа guai=гуай guan=гуань guang=гуан gui=гуй
gun=гунь guo=го ha=ха hai=хай han=хань hang=хан hao=хао he=хэ hei=хэй hen=хэнь heng=хэн hong=хун
hou=хоу hu=ху hua=хуа huai=хуай huan=хуань huang=хуан hui=хуэй hun=хунь huo=хо ji=цзи jia=цзя
jian=цзянь jiang=цзян jiao=цзяо jie=цзе jin=цзинь jing=цзин jiong=цзюн jiu=цзю ju=цзюй juan=цзюань
jue=цзюэ jun=цзюнь ka=ка kai=кай kan=кань kang=кан kao=као ke=кэ ken=кэнь keng=кэн kong=кун kou=коу
ku=ку kua=куа kuai=куай kuan=куань kuang=куан kui=куй kun=кунь kuo=ко la=ла lai=лай lan=лань
lang=лан lao=лао le=лэ lei=лэй leng=лэн li=ли lia=ля lian=лянь liang=лян liao=ляо lie=ле lin=линь
ling=лин liu=лю lo=ло long=лун lou=лоу lu=лу luan=луань lun=лунь luo=ло lv=люй lve=люэ ma=ма mai=май
man=мань mang=ман mao=мао me=мэ mei=мэй men=мэнь meng=мэн mi=ми mian=мянь miao=мяо mie=ме min=минь
ming=мин miu=мю mo=мо mou=моу mu=му na=на nai=най nan=нань nang=нан nao=нао ne=нэ nei=нэй nen=нэнь
neng=нэн ni=ни nian=нянь niang=нян niao=няо nie=не nin=нинь ning=нин niu=ню nong=нун nu=ну
nuan=нуань nuo=но nv=нюй nve=нюэ o=о ou=оу pa=па pai=пай pan=пань pang=пан pao=пао pei=пэй pen=пэнь
peng=пэн pi=пи pian=пянь piao=пяо pie=пе pin=пинь ping=пин po=по pou=поу pu=пу qi=ци qia=ця
qian=цянь qiang=цян qiao=цяо qie=це qin=цинь qing=цин qiong=цюн qiu=цю qu=цюй quan=цюань que=цюэ
qun=цюнь ran=жань rang=жан rao=жао re=жэ ren=жэнь reng=жэн ri=жи rong=жун rou=жоу ru=жу ruan=жуань
rui=жуй run=жунь ruo=жо sa=са sai=сай san=сань sang=сан sao=сао se=сэ sen=сэнь seng=сэн sha=ша
shai=шай shan=шань shang=шан shao=шао she=шэ shen=шэнь sheng=шэн shi=ши shou=шоу shu=шу shua=шуа
shuai=шуай shuan=шуань shuang=шуан shui=шуй shun=шунь shuo=шо si=сы song=сун sou=соу su=су
suan=суань sui=суй sun=сунь suo=со ta=та tai=тай tan=тань tang=тан tao=тао te=тэ teng=тэн ti=ти
tian=тянь tiao=тяо tie=те ting=тин tong=тун tou=тоу tu=ту tuan=туань tui=туй tun=тунь tuo=то wa=ва
wai=вай wan=вань wang=ван wei=вэй wen=вэнь weng=вэн wo=во wu=у xi=си xia=ся xian=сянь xiang=сян
xiao=сяо xie=се xin=синь xing=син xiong=сюн xiu=сю xu=сюй xuan=сюань xue=сюэ xun=сюнь ya=я yan=янь
yang=ян yao=яо ye=е yi=и yin=инь ying=ин yo=ё yong=юн you=ю yu=юй yuan=юань yue=юэ yun=юнь za=цза
zai=цзай zan=цзань zang=цзан zao=цзао ze=цзэ zei=цзэй zen=цзэнь zeng=цзэн zha=чжа zhai=чжай
zhan=чжань zhang=чжан zhao=чжао zhe=чжэ zhen=чжэнь zheng=чжэн zhi=чжи zhong=чжун zhou=чжоу zhu=чжу
zhua=чжуа zhuai=чжуай zhuan=чжуань zhuang=чжуан zhui=чжуй zhun=чжунь zhuo=чжо zi=цзы zong=цзун
zou=цзоу zu=цзу zuan=цзуань zui=цзуй zun=цзунь zuo=цзо
"""

PALLADIUS: dict[str, str] = dict(item.split("=") for item in _PALLADIUS_TABLE.split())
"""Pinyin syllable -> Palladius (Russian) syllable, for every syllable in :data:`SYLLABLES`."""

SYLLABLES: frozenset[str] = frozenset(PALLADIUS)
"""The valid toneless pinyin syllables (ü as v: lv, nv, lve, nve); interjections such as m, ng,
hm and a few single-word syllables (biang, dei, shei, ...) are left out."""

# Spellings of ü that ASCII-only sources use, read as the canonical syllable.
_LATIN_ALIASES = {
    "lyu": "lv", "nyu": "nv", "lue": "lve", "nue": "nve", "lyue": "lve", "nyue": "nve",
}

_CYR_VOWELS = "аеёиоуыэюя"
_ASCII_VOWEL_START = "aoe"  # a pinyin syllable starting with one of these needs an apostrophe


# --------------------------------------------------------------------------------------------
# Han names
# --------------------------------------------------------------------------------------------


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


_NAME_DOTS = "·•・‧･．."


def _clean_han(han: str) -> str:
    """Simplified Han characters of `han`, separators between name parts kept as '·'."""
    chars = []
    for ch in han:
        if _is_han(ch):
            chars.append(ch)
        elif ch in _NAME_DOTS and chars and chars[-1] != "·":
            chars.append("·")
    return to_simplified("".join(chars)).strip("·")


def surname_of(han: str) -> str | None:
    """The surname at the start of a Han name (compound surnames first), in simplified characters.

    Traditional characters are accepted. A compound surname is only taken when a given name
    follows it (欧阳明 -> 欧阳, but 欧阳 alone -> 欧). None when the name does not start with a
    surname in :data:`SURNAMES`.
    """
    s = _clean_han(han)
    if "·" in s or not s:
        return None
    if len(s) > 2 and s[:2] in COMPOUND_SURNAMES:
        return s[:2]
    if s[0] in SURNAMES:
        return s[0]
    return None


def _split_han(s: str) -> tuple[str, str]:
    """(surname, given name) of a clean simplified Han name; the first character when the
    surname is unknown."""
    sur = surname_of(s) or s[:1]
    return sur, s[len(sur):]


@lru_cache(maxsize=1)
def _pypinyin():
    from pypinyin import Style, lazy_pinyin

    return Style, lazy_pinyin


def _syllables_of(text: str) -> list[str]:
    """Toneless pinyin of Han `text` (words looked up as a whole, so 长春 is chang chun)."""
    if not text:
        return []
    style, lazy_pinyin = _pypinyin()
    out = []
    for syl in lazy_pinyin(text, style=style.NORMAL, errors="ignore"):
        syl = syl.lower().replace("ü", "v").replace("ê", "e")
        syl = "".join(c for c in syl if "a" <= c <= "z")
        if syl:
            out.append(syl)
    return out


@lru_cache(maxsize=4096)
def _han_parts(han: str) -> tuple[tuple[str, ...], ...]:
    """Syllables of each part of a Han name: (surname, given) for a Chinese name, one part per
    dot-separated piece for a transcribed foreign or minority name (买买提·艾力)."""
    s = _clean_han(han)
    if not s:
        return ()
    if "·" in s:
        return tuple(tuple(_syllables_of(p)) for p in s.split("·") if p)
    sur, given = _split_han(s)
    sur_syl = _SURNAME_READINGS.get(sur) or tuple(_syllables_of(sur))
    parts = [tuple(sur_syl)]
    if given:
        parts.append(tuple(_syllables_of(given)))
    return tuple(p for p in parts if p)


def han_pinyin(han: str) -> list[str]:
    """Toneless pinyin syllables of a Han name, surname readings corrected (单 shan, 曾 zeng,
    尉迟 yu chi); ü as ``v`` after l, n (吕 -> lv). Traditional characters are accepted."""
    return [syl for part in _han_parts(han) for syl in part]


def han_key(han: str) -> str:
    """The name key of a Han name: 王子联 / 王子聯 -> ``wang-zilian``. ValueError without Han.

    >>> han_key("王子联"), han_key("王子聯"), han_key("欧阳明")
    ('wang-zilian', 'wang-zilian', 'ouyang-ming')
    """
    parts = _han_parts(han)
    if not parts:
        raise ValueError(f"no Han characters in {han!r}")
    return "-".join("".join(p) for p in parts)


def _label_part(syllables: tuple[str, ...] | list[str]) -> str:
    """Syllables joined as written in a name: apostrophe before a/o/e, ü restored, capitalised."""
    text = ""
    for i, syl in enumerate(syllables):
        if syl in ("lv", "nv", "lve", "nve"):
            syl = syl.replace("v", "ü")
        if i and syl[0] in _ASCII_VOWEL_START:
            text += "'"
        text += syl
    return text[:1].upper() + text[1:]


def pinyin_name(han: str) -> str:
    """English label of a Han name, surname first: 张志军 -> "Zhang Zhijun", 欧阳明 ->
    "Ouyang Ming", 李西安 -> "Li Xi'an", 吕冰 -> "Lü Bing"."""
    parts = _han_parts(han)
    if not parts:
        raise ValueError(f"no Han characters in {han!r}")
    return " ".join(_label_part(p) for p in parts)


# --------------------------------------------------------------------------------------------
# Syllable splitting (shared by Latin and Cyrillic)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _latin_table() -> dict[str, str]:
    table = {s: s for s in SYLLABLES}
    table.update(_LATIN_ALIASES)
    return table


@lru_cache(maxsize=1)
def _cyrillic_table() -> dict[str, str]:
    """Palladius syllable -> pinyin, plus common non-standard spellings (Чень for Чэнь, Лей for
    Лэй, Дуо for До) where they collide with no standard syllable."""
    table: dict[str, str] = {}
    for pin, cyr in sorted(PALLADIUS.items()):
        if cyr in table and table[cyr] != pin:
            table[cyr] = "luo" if "luo" in (pin, table[cyr]) else min(pin, table[cyr])
        else:
            table[cyr] = pin
    aliases: dict[str, str] = {}
    for pin, cyr in PALLADIUS.items():
        if len(cyr) > 1 and "э" in cyr[1:-1]:  # not a final э: Лине could be a case form
            aliases[cyr[0] + cyr[1:].replace("э", "е")] = pin
        if pin.endswith("uo") and len(pin) > 2:
            aliases[cyr[:-1] + "уо"] = pin
    for alias, pin in aliases.items():
        table.setdefault(alias, pin)
    return table


@lru_cache(maxsize=65536)
def _best_split(word: str, script: str, strict: bool) -> tuple[str, ...] | None:
    """Split `word` into syllables of the `script` ("latin" or "cyrillic") table, as pinyin.

    Preference: fewest syllables, then fewest dubious boundaries, then the longest first
    syllable. Latin: a boundary before a, o, e is dubious (pinyin writes an apostrophe there).
    Cyrillic: a boundary between a hard н (-ng) and a vowel is dubious, and forbidden when
    `strict` (Palladius writes ъ there: Чанъань).
    """
    table = _latin_table() if script == "latin" else _cyrillic_table()
    n = len(word)
    if not n:
        return None

    def dubious(j: int) -> bool:
        if j <= 0 or j >= n:
            return False
        if script == "latin":
            return word[j] in _ASCII_VOWEL_START
        return word[j - 1] == "н" and word[j] in _CYR_VOWELS

    # best[i]: (count, dubious, syllables) for word[i:]
    best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[n] = (0, 0, ())
    for i in range(n - 1, -1, -1):
        cand = None
        for length in range(min(7, n - i), 0, -1):  # longest first wins ties
            piece = word[i:i + length]
            if piece not in table:
                continue
            rest = best[i + length]
            if rest is None:
                continue
            bad = dubious(i + length)
            if bad and strict and script == "cyrillic":
                continue
            cost = (1 + rest[0], rest[1] + bad)
            if cand is None or cost < cand[:2]:
                cand = (cost[0], cost[1], (table[piece],) + rest[2])
        best[i] = cand
    return best[0][2] if best[0] else None


def split_pinyin(word: str) -> list[str] | None:
    """Split a Latin word into valid pinyin syllables, or None.

    Apostrophes and hyphens are syllable boundaries ("xi'an" -> xi, an); otherwise the split
    with the fewest syllables wins ("xian" -> xian), then the one that needs no apostrophe
    ("fangan" -> fan, gan). Tone marks are ignored; ü (or "u:", "v", "yu" in lyu/nyu) is
    returned as ``v``.
    """
    w = _ascii_fold(word, "v").replace("u:", "v")
    out: list[str] = []
    for piece in re.split(r"['\-]+", w):
        if not piece:
            continue
        if not piece.isascii() or not piece.isalpha():
            return None
        syl = _best_split(piece, "latin", False)
        if syl is None:
            return None
        out.extend(syl)
    return out or None


def surname_pinyin(surname: str) -> str:
    """The joined toneless pinyin of a surname as a surname reads (单 shan, 曾 zeng, 欧阳 ouyang)."""
    return "".join(_SURNAME_READINGS.get(surname) or _syllables_of(surname))


@lru_cache(maxsize=1)
def _surname_pinyins() -> frozenset[str]:
    """Joined pinyin of every surname in SURNAMES (ouyang, zhang, piao, ...)."""
    return frozenset(surname_pinyin(s) for s in SURNAMES)


# --------------------------------------------------------------------------------------------
# Latin names
# --------------------------------------------------------------------------------------------

_LATIN_SPECIAL = {
    "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i", "ß": "ss",
}


def _ascii_fold(text: str, umlaut_u: str = "u") -> str:
    """`fold`, then accents and tone marks stripped (ü becomes `umlaut_u`), ø -> o, ß -> ss."""
    t = unicodedata.normalize("NFKD", fold(text)).replace("u\u0308", umlaut_u)
    return "".join(_LATIN_SPECIAL.get(c, c) for c in t if not unicodedata.combining(c))


def slug(text: str) -> str:
    """Plain ASCII slug: accents stripped, apostrophes dropped, other non-alphanumerics as single
    hyphens ("Kim Min-jun" -> ``kim-min-jun``, "O'Brien" -> ``obrien``)."""
    t = _ascii_fold(text).replace("'", "")
    t = re.sub(r"[^a-z0-9]+", "-", t.lower())
    return t.strip("-")


def _parse_pinyin_name(name: str) -> tuple[str, str] | None:
    """(surname, joined given name) of a pinyin name "Surname Given", or None."""
    tokens = _ascii_fold(name, "v").replace("u:", "v").split()
    if not tokens or any(not re.fullmatch(r"[a-z]+(?:['\-][a-z]+)*", tok) for tok in tokens):
        return None
    first = tokens[0]
    given_tokens = tokens[1:]
    sur = split_pinyin(first.replace("-", ""))
    if sur is None or "".join(sur) not in _surname_pinyins():
        pieces = first.split("-")
        if len(pieces) < 2:
            return None
        sur = split_pinyin(pieces[0])
        if sur is None or "".join(sur) not in _surname_pinyins():
            return None
        given_tokens = pieces[1:] + given_tokens
    given: list[str] = []
    for tok in given_tokens:
        syl = split_pinyin(tok)
        if syl is None:
            return None
        given.extend(syl)
    if not 1 <= len(given) <= 2:
        return None
    return "".join(sur), "".join(given)


def is_pinyin_name(name: str) -> bool:
    """True for "Surname Given" in pinyin: a known surname's pinyin, then a given name of one or
    two syllables (joined, hyphenated, with apostrophe or spaced), in any letter case."""
    return _parse_pinyin_name(name) is not None


def latin_key(name: str) -> str:
    """Key of a Latin-script name: ``surname-given`` for a pinyin name ("ZHANG Zhi-jun" ->
    ``zhang-zhijun``), else the plain slug ("Helmut Stettner" -> ``helmut-stettner``).
    Western order ("Zhijun Zhang") is not guessed.

    >>> latin_key("ZHANG Zhi-jun"), latin_key("Helmut Stettner"), latin_key("Zhijun Zhang")
    ('zhang-zhijun', 'helmut-stettner', 'zhijun-zhang')
    """
    parsed = _parse_pinyin_name(name)
    if parsed:
        return f"{parsed[0]}-{parsed[1]}"
    return slug(name)


# --------------------------------------------------------------------------------------------
# Cyrillic names
# --------------------------------------------------------------------------------------------

# Case endings of a Chinese name in Russian: (ending, what the nominative ends with instead,
# letters the stem must end with). Hard -н/-р: Цзиньпина, Цзиньпину, Цзиньпином, Цзиньпине.
# Soft -нь: Цзыляня, Цзыляню, Цзылянем, Цзыляне. -й: Хуэя, Хуэю, Хуэем, Хуэе. The prepositional
# -е is tried soft first.
_CASE_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("ем", "ь", "н"), ("ем", "й", "аэуюо"), ("ом", "", "нр"),
    ("я", "ь", "н"), ("я", "й", "аэуюо"),
    ("ю", "ь", "н"), ("ю", "й", "аэуюо"),
    ("е", "ь", "н"), ("е", "", "нр"), ("е", "й", "аэуюо"),
    ("а", "", "нр"), ("у", "", "нр"),
)
# Feminine forms of names ending in -а (rarely declined): Лины, Лине, Лину, Линой.
_A_ENDINGS: tuple[str, ...] = ("ой", "ей", "ы", "и", "е", "у")


def _nominatives(word: str) -> list[str]:
    """`word` itself, then the nominatives it may be a case form of."""
    out = [word]
    for ending, nom, stem_end in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            stem = word[: -len(ending)]
            if stem[-1] in stem_end:
                out.append(stem + nom)
    for ending in _A_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            out.append(word[: -len(ending)] + "а")
    return list(dict.fromkeys(out))


def _cyr_syllables(piece: str, strict: bool) -> tuple[str, ...] | None:
    """Pinyin syllables of one hyphen-free Cyrillic piece (ъ separates syllables)."""
    out: list[str] = []
    for sub in piece.split("ъ"):
        syl = _best_split(sub, "cyrillic", strict)
        if syl is None:
            return None
        out.extend(syl)
    return tuple(out)


_CYR_TOKEN = re.compile(r"[а-яё]+(?:[\-'ъ][а-яё]+)*ъ?")


def cyrillic_keys(name: str) -> list[str]:
    """Every key a Russian spelling of a Chinese name can stand for, most likely first.

    The first word is the surname (a known surname's Palladius spelling); the rest is the given
    name, one or two syllables, possibly hyphenated (Цзы-лянь) or spaced. Readings are tried in
    this order: nominative as written, then the last word with a case ending stripped (and the
    surname's, when the surname as written is no surname), first with strict Palladius (ъ between
    -н and a vowel), then leniently. Empty when no reading fits.
    """
    t = name.lower().replace("‐", "-").replace("‑", "-").replace("–", "-").replace("’", "'")
    tokens = t.split()
    if len(tokens) < 2 or not all(_CYR_TOKEN.fullmatch(tok) for tok in tokens):
        return []
    pieces = [p for tok in tokens[1:] for p in re.split(r"[\-']+", tok) if p]
    head, last = pieces[:-1], pieces[-1]
    keys: list[str] = []
    for strict in (True, False):
        surname = None
        for form in _nominatives(tokens[0].replace("-", "").replace("'", "")):
            syl = _cyr_syllables(form, strict)
            if syl and "".join(syl) in _surname_pinyins():
                surname = "".join(syl)
                break  # the surname as written wins over a case form of another one
        if surname is None:
            continue
        head_syl: list[str] = []
        for p in head:
            syl = _cyr_syllables(p, strict)
            if syl is None:
                break
            head_syl.extend(syl)
        else:
            for form in _nominatives(last):
                syl = _cyr_syllables(form, strict)
                if syl is None or not 1 <= len(head_syl) + len(syl) <= 2:
                    continue
                key = f"{surname}-{''.join(head_syl)}{''.join(syl)}"
                if key not in keys:
                    keys.append(key)
    return keys


def cyrillic_key(name: str) -> str | None:
    """Key of a Russian (Palladius) spelling of a Chinese name, in any case form:
    "Ван Цзылянь", "Ван Цзыляня", "Ван Цзылянем" -> ``wang-zilian``; None for a name that is
    not Chinese ("Иван Петров"). See :func:`cyrillic_keys` for the order of readings.

    >>> cyrillic_key("Ван Цзылянь"), cyrillic_key("Ван Цзылянем"), cyrillic_key("Иван Петров")
    ('wang-zilian', 'wang-zilian', None)
    """
    keys = cyrillic_keys(name)
    return keys[0] if keys else None


def _palladius_part(syllables: list[str]) -> str:
    """Palladius spelling of one name part, reading back to the same syllables: ъ after a hard
    -н before a vowel, a hyphen where the joined form would split otherwise (Цзю-ань)."""
    cyr = [PALLADIUS[s] for s in syllables]
    joined = cyr[0]
    for c in cyr[1:]:
        joined += ("ъ" if joined.endswith("н") and c[0] in _CYR_VOWELS else "") + c
    back = _cyr_syllables(joined, True)
    want = tuple("luo" if s == "lo" else s for s in syllables)
    if back != want:
        joined = "-".join(cyr)
    return joined[:1].upper() + joined[1:]


def palladius_name(key: str) -> str:
    """Russian (Palladius) label from a key or a pinyin name: ``wang-zilian`` -> "Ван Цзылянь",
    ``ouyang-ming`` -> "Оуян Мин". Pass :func:`pinyin_name` output ("Li Xi'an") to keep syllable
    boundaries that the key has lost ("Ли Сиань", not "Ли Сянь"). ValueError when it is not
    pinyin."""
    t = fold(key).strip()
    if " " in t:
        sur_text, _, given_text = t.partition(" ")
    else:
        sur_text, _, given_text = t.partition("-")
    sur = split_pinyin(sur_text)
    given = split_pinyin(given_text.replace(" ", "-")) if given_text else []
    if sur is None or given is None:
        raise ValueError(f"not a pinyin name: {key!r}")
    parts = [_palladius_part(sur)] + ([_palladius_part(given)] if given else [])
    return " ".join(parts)


_RU_LATIN: dict[str, str] = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
    )
)
_RU_LATIN.update({"ъ": "", "ь": ""})


#: Word endings and letter pairs spelled the way English-language media spell Russian names
#: (Евгений -> Evgeny, Николай -> Nikolai, Соловьёв -> Solovyov), tried before letter by letter.
_RU_LATIN_USUAL = re.compile(r"ий\b|ый\b|ай\b|[иь]я\b|ей(?=[бвгджзклмнпрстфхцчшщ])|[ьъ][еёюя]")
_RU_LATIN_USUAL_MAP = {"ий": "y", "ый": "y", "ай": "ai", "ия": "ia", "ья": "ia", "ей": "ei"}


def russian_to_latin(text: str) -> str:
    """Transliteration of Russian as English-language media write Russian names, lower-cased
    ("Иван Петров" -> "ivan petrov", "Евгений" -> "evgeny", "Николай" -> "nikolai", "Наталья" -> "natalia",
    "Грейзе" -> "greize")."""
    def usual(m: re.Match[str]) -> str:
        g = m.group()
        return _RU_LATIN_USUAL_MAP.get(g) or ("y" + _RU_LATIN[g[1]].lstrip("y"))

    return "".join(_RU_LATIN.get(c, c) for c in _RU_LATIN_USUAL.sub(usual, text.lower()))


# --------------------------------------------------------------------------------------------
# Any script
# --------------------------------------------------------------------------------------------


def name_key(name: str) -> str | None:
    """Key of a name in any script: Han -> :func:`han_key`; Cyrillic -> :func:`cyrillic_key`, or
    the slug of its transliteration when not Chinese; Latin -> :func:`latin_key`. None when there
    is nothing to key.

    >>> name_key("王子联"), name_key("Wang Zilian"), name_key("Ван Цзылянь"), name_key("Иван Петров")
    ('wang-zilian', 'wang-zilian', 'wang-zilian', 'ivan-petrov')
    >>> name_key("  ") is None
    True
    """
    if not name or not name.strip():
        return None
    if any(_is_han(c) for c in name):
        try:
            return han_key(name)
        except ValueError:
            return None
    if any("\u0400" <= c <= "\u04ff" for c in name):
        return cyrillic_key(name) or slug(russian_to_latin(name)) or None
    return latin_key(name) or None
