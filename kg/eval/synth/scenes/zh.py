"""Chinese scenes: the post chain before the name (长春市长张伟), sentences run together, and a newspaper's
reporter and editor in the byline, in the style of the Chinese seeds."""

from __future__ import annotations

import datetime as dt

from kg.eval.synth.people import Person
from kg.eval.synth.places import Place
from kg.eval.synth.scene import Scene as BaseScene
from kg.eval.synth.world import SOURCES_ZH


class Scene(BaseScene):
    """The Chinese wording of the scenes."""

    sep = ""
    sectors = ("汽车零部件", "新能源汽车", "氢能", "智能网联汽车", "现代物流", "生物医药", "光电信息", "高端装备制造",
               "动力电池", "冷链物流")
    conferences = ("汽车零部件产业合作推介会", "新能源汽车产业发展大会", "氢能产业合作论坛", "现代服务业招商推介会",
                   "智能网联汽车产业论坛")

    def day(self, d: dt.date) -> str:
        return f"{d.month}月{d.day}日"

    def name(self, p: Person, case: str = "nom") -> str:
        return self.d.person(p, p.zh)

    def titled(self, p: Person, case: str = "nom", cap: bool = False) -> str:
        """The post chain, then the name."""
        assert p.post is not None
        return self.d.chain(p, p.post.zh) + self.d.person(p, p.zh)

    def cite_xi(self) -> str:
        self.d.person(self.w.xi, "习近平", "cited")
        return self.d.post(self.w.xi, "习近平总书记", "general-secretary", None)

    def article(self, title: str, paras: list[str]) -> str:
        """The header (one of a newspaper's two styles), the paragraphs, the reporter after the last one and
        the editor below."""
        d, rng, w = self.d, self.rng, self.w
        source_id = rng.choice(SOURCES_ZH)
        reporters, editors = w.staff[source_id]
        rep = w.pick(rng, reporters, self.used)
        self.used.add(rep.key)
        ed = w.pick(rng, editors, self.used)
        d.person(rep, rep.zh, "author")
        d.post(rep, f"记者 {rep.zh}", "reporter", None)
        d.person(ed, ed.zh, "author")
        d.post(ed, f"编辑:{ed.zh}", "editor", None)
        paras[-1] = paras[-1] + f"(记者 {rep.zh})"
        body = "\n\n".join("  " + p for p in paras) + f"\n\n编辑:{ed.zh}\n"
        date = d.date.isoformat()
        if rng.random() < 0.25:
            return f"{title}\n日期:\n{date}\n浏览次数:\n{rng.randint(1, 400)}\n" + body
        clock = f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        return f"{title}\n来源:{w.ref.name(source_id, 'zh')}  |  {date} {clock}\n\n" + body

    def speech_text(self, p: Person, sid: str, s: str, cite: bool, city: Place, in_speech: bool) -> tuple[str, str]:
        name = self.name(p)
        verb = "在讲话中指出" if in_speech else self.any("表示", "强调", "指出")
        xi = f"要深入贯彻{self.cite_xi()}重要指示精神," if cite else "要"
        if sid == "six-returns":
            stance = f"推动一汽“{s}”项目落地见效"
        elif sid == "six-cities-linkage":
            stance = f"聚焦“{s}”"
        else:
            stance = f"全面落实“{s}”发展战略"
        body = (f"{name}{verb},{xi}{stance},进一步优化营商环境,为企业提供全生命周期服务,"
                f"推动更多优质项目在{city.zh}落地。")
        return stance, body

    def thanks(self, g: Person, host_city: Place) -> str:
        sector = self.rng.choice(self.sectors)
        return f"{self.name(g)}表示,双方在{sector}等领域合作前景广阔,将进一步扩大在{host_city.zh}的投资。"

    def signing_after_text(self, a: Person, b: Person, n: int, units: int) -> tuple[str, str, str]:
        agreement = f"{n}个合作项目的签约,总投资{units}亿元"
        # "会见后" would be read as the meeting again (会见 is the meeting's trigger): "随后"
        text = f"随后,{self.name(a)}和{self.name(b)}见证了{agreement}。"
        return text, agreement, "Witnessed"

    def meeting_text(self, h: Person, g: Person, a: Person | None, venue: Place,
                     date: dt.date) -> tuple[str, str, list[str]]:
        tod = self.any("上午", "下午", "")
        title = f"{self.titled(h)}会见{self.titled(g)}一行"
        first = (f"{self.day(date)}{tod},{self.titled(h)}在{venue.zh}会见了{self.titled(g)}一行,双方就"
                 f"{self.any(*self.sectors)}、{self.any(*self.sectors)}等领域合作进行深入交流。")
        s = [first]
        if a is not None:
            s.append(f"{self.titled(a)}{self.any('参加会见', '出席会见')}。")
        return title, first, s

    def signing_text(self, p: Person, s_: Person, a1: Person, a2: Person, intro: Person | None, venue: Place,
                     n: int, units: int, date: dt.date) -> tuple[str, str, str, list[str], str, list[str]]:
        year = date.year
        title = f"{venue.zh}举行{year}年重点项目集中签约仪式 总投资{units}亿元的{n}个项目签约"
        agreement = f"总投资{units}亿元的{n}个项目成功签约"
        first = (f"{self.day(date)}{self.any('上午', '下午', '')},{venue.zh}举行{year}年重点项目集中签约仪式,"
                 f"{agreement},涵盖{self.any(*self.sectors)}、{self.any(*self.sectors)}等领域。")
        roles = [f"{self.titled(s_)},{self.titled(a1)},{self.titled(a2)}等出席仪式。"]
        tail = f"仪式由{self.titled(p)}主持,{self.name(s_)}{self.any('发表讲话', '致辞')}"
        if intro is not None:
            tail += f",{self.titled(intro)}{self.any('作推介发言', '作项目推介')}"
        roles.append(tail + "。")
        return title, first, first, roles, agreement, [venue.id]

    def conference_text(self, p: Person, s_: Person, a1: Person, a2: Person, city: Place, k: int, signed: bool,
                        n: int, units: int, date: dt.date) -> tuple[str, str, list[str], str]:
        name = f"{date.year}年{city.zh}{self.conferences[k]}"
        title = f"{name}在{city.zh}召开"
        first = f"{self.day(date)},{name}在{city.zh}召开。"
        body = [first, f"会议由{self.titled(p)}主持。", f"{self.titled(s_)}出席会议并讲话。",
                f"{self.titled(a1)},{self.titled(a2)}等出席会议。"]
        agreement = f"{n}个重点项目集中签约,总投资{units}亿元"
        if signed:
            body.append(f"会上,{agreement}。")
        return title, first, body, agreement

    def inspection_text(self, h: Person, a: Person | None, site: Place | None, c: Place, sector: int,
                        date: dt.date) -> tuple[str, str, list[str]]:
        where = site.zh if site else c.zh
        title = f"{self.titled(h)}到{where}调研"
        first = (f"{self.day(date)},{self.titled(h)}到{where}{self.any('调研', '考察')}{self.sectors[sector]}产业发展和"
                 f"项目建设工作。")
        s = [first]
        if a is not None:
            s.append(f"{self.titled(a)}参加活动。")
        return title, first, s

    def delegation_text(self, lead: Person, m: Person | None, h: Person, x: Place, y: Place, sector: str,
                        date: dt.date) -> tuple[str, str, list[str], str]:
        title = f"{x.zh}党政代表团到{y.zh}考察对接"
        first = f"{self.day(date)},{self.titled(lead)}率{x.zh}党政代表团到{y.zh}考察对接。"
        s = [first]
        if m is not None:
            s.append(f"{self.titled(m)}等随团参加活动。")
        meet = f"当天下午,{self.titled(h)}会见了{self.name(lead)}一行。"
        return title, first, s, meet
