"""The menus every channel shows: the main menu, groups of topics, a topic's entries, the
localities to pick from. Built from the knowledge base (titles and texts from ``ui.yaml``)."""

from __future__ import annotations

from bot.knowledge.localities import Places
from bot.knowledge.model import KnowledgeBase
from bot.messages import Choice, Command, OpenMenu, PickEntry, PickLocality, PickTopic, Reply


class Menus:
    """Menus as replies with choices (payloads built by bot.messages: topics, menus, commands,
    entries, localities)."""

    def __init__(self, kb: KnowledgeBase, places: Places) -> None:
        self.kb = kb
        self.places = places

    def localities(self) -> Reply:
        """"Which commune are you in?" with the configured communes to pick from."""
        choices = [Choice(loc.name, str(PickLocality(loc.code))) for loc in self.places.pickable()]
        choices.append(Choice(self.kb.text("locality_other"), str(PickLocality(None))))
        return Reply(self.kb.text("ask_locality"), tuple(choices))

    def main(self) -> Reply:
        """The main menu: main topics, procedures, hotline, feedback, announcements, more."""
        t = self.kb.text
        choices = [Choice(topic.title, str(PickTopic(topic.id))) for topic in self.kb.topics.values()
                   if topic.menu == "main"]
        choices += [Choice(t("menu_procedures_label"), str(OpenMenu("procedures"))),
                    Choice(t("menu_hotline_label"), str(Command("hotline"))),
                    Choice(t("menu_feedback_label"), str(Command("gopy"))),
                    Choice(t("menu_subscribe_label"), str(Command("dangky"))),
                    Choice(t("menu_more_label"), str(OpenMenu("more")))]
        return Reply(t("main_menu"), tuple(choices))

    def group(self, menu: str, title: str) -> Reply:
        """The topics of one menu group ("procedures", "topic")."""
        choices = [Choice(topic.title, str(PickTopic(topic.id))) for topic in self.kb.topics.values()
                   if topic.menu == menu]
        return Reply(title, (*choices, self._back()))

    def topic(self, topic_id: str) -> Reply:
        """The curated entries of one topic (records are found by asking, not by browsing)."""
        topic = self.kb.topics.get(topic_id)
        entries = [e for e in self.kb.entries.values()
                   if e.topic == topic_id and not e.localities and e.tier == 0 and not e.options]
        if topic is None or not entries:
            return Reply(self.kb.text("topic_empty"), (self._back(),))
        choices = [Choice(e.title, str(PickEntry(e.id))) for e in entries]
        return Reply(topic.title, (*choices, self._back()))

    def beyond(self, choices: tuple[tuple[str, str], ...]) -> Reply:
        """The reply to a choice named past the last one ("5", "cái thứ 3" of two): which
        numbers there are, with the same choices again."""
        return Reply(self.kb.text("choice_out_of_range", count=str(len(choices))),
                     tuple(Choice(label, payload) for label, payload in choices))

    def _back(self) -> Choice:
        return Choice(self.kb.text("back"), str(Command("menu")))
