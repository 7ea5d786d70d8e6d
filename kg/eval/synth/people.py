"""The synthetic world's people: names drawn from common Chinese surnames and given-name characters, written
with `kg.text.names` in each language, and kept clear of the reference names."""

from __future__ import annotations

import bisect
import random
import re
from dataclasses import dataclass

from kg.eval.synth.posts import Post
from kg.eval.synth.reference import Reference
from kg.eval.synth.russian import ru_case
from kg.text.names import cyrillic_key, han_key, latin_key, palladius_name, pinyin_name

# Common surnames, most frequent first (the weights follow this order).
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
            "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
            "严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚")
# Given-name characters (simplified), by the sex they are more usual for.
_GIVEN_M = ("伟军强磊洋勇杰涛明超辉刚平鹏华飞峰斌波宇浩凯健俊帆国志建东海立成新文庆永德振光学兴宏晓亮忠良"
            "义彬胜祥福荣江清云鸿博军巍毅松柏锋晨阳岩冰铁钢胜利民安宁远航昌盛景瑞泽睿鑫")
_GIVEN_F = ("芳娜敏静丽艳娟霞秀英玲燕萍红梅琳洁颖雪琴慧莉婷倩佳欣晶璐蕾薇悦月兰凤桂菊炜姝丹彤岚琪瑶璇媛"
            "婉蓉莹蕊萱晴")


@dataclass(frozen=True)
class Person:
    """A person of the world: id (as the gold writes it), name key, name in each language (Russian also in
    the genitive and instrumental), post (None for newspaper staff) and popularity weight."""

    id: str
    key: str
    zh: str
    en: str
    ru: str
    ru_gen: str
    ru_instr: str
    female: bool
    post: Post | None
    weight: float = 1.0


def _name_ok(zh: str, en: str, ru: str, female: bool, banned: Banned) -> tuple[str, str] | None:
    """(genitive, instrumental) in Russian when the name is usable, else None: the three spellings
    give one key, the Latin one is plain letters, no part of it is a known place or organization."""
    key = han_key(zh)
    if latin_key(en) != key or not all(w.isascii() and w.isalpha() for w in en.split()):
        return None
    if cyrillic_key(ru) != key or "-" in ru:
        return None
    if any(w.lower() in banned.en_words for w in en.split()):
        return None
    if any(w.lower() in banned.ru_words for w in ru.split()[1:]):
        return None
    if any(zh[i:i + 2] in banned.zh_bigrams for i in range(len(zh) - 1)):
        return None
    sur, given = ru.split(" ", 1)
    if female:  # a woman's name ending in a consonant does not decline in Russian
        return ru, ru
    gen, instr = f"{sur} {ru_case(given, 'gen')}", f"{sur} {ru_case(given, 'instr')}"
    if cyrillic_key(gen) != key or cyrillic_key(instr) != key:
        return None
    return gen, instr


@dataclass(frozen=True)
class Banned:
    """Words and character pairs of the reference names: a person's name must not contain them (the
    gazetteer would take that part of the name for a place or an organization)."""

    en_words: frozenset[str]
    ru_words: frozenset[str]
    zh_bigrams: frozenset[str]


def banned_names(ref: Reference) -> Banned:
    en_words = {w.lower() for n in ref.all_names("en") for w in re.findall(r"[A-Za-z']+", n)}
    ru_words = {w.lower() for n in ref.all_names("ru") for w in re.findall(r"[А-Яа-яЁё]+", n)}
    zh_bigrams = {n[i:i + 2] for n in ref.all_names("zh") for i in range(len(n) - 1)}
    return Banned(frozenset(en_words), frozenset(ru_words), frozenset(zh_bigrams))


def _draw_name(rng: random.Random, female: bool, sur_cum: list[float]) -> str:
    sur = SURNAMES[bisect.bisect_left(sur_cum, rng.random() * sur_cum[-1])]
    pool = _GIVEN_F if female else _GIVEN_M
    if rng.random() < 0.2:
        return sur + rng.choice(pool)
    return sur + rng.choice(pool) + rng.choice(pool + _GIVEN_M[:20])


def make_person(rng: random.Random, female: bool, sur_cum: list[float], banned: Banned, taken: set[str],
                 post: Post | None) -> Person:
    """A new person with a name key nobody in `taken` has (which it joins)."""
    for _ in range(1000):
        name = _draw_name(rng, female, sur_cum)
        key = han_key(name)
        if key in taken or name[1:2] == name[2:3]:
            continue
        en = pinyin_name(name)
        try:
            ru = palladius_name(en)
        except ValueError:
            continue
        forms = _name_ok(name, en, ru, female, banned)
        if forms is None:
            continue
        taken.add(key)
        return Person(key, key, name, en, ru, forms[0], forms[1], female, post)
    raise RuntimeError("no usable name found")
