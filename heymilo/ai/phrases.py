"""The local engine's fixed interviewer phrases, per language (en, es, fr, de, pt).

Unknown languages fall back to English. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

import re

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "greeting": (
            "Hi {candidate}! I'm {interviewer}{company}. Thanks for joining this interview for the "
            "{title} role. {overviews}I'll ask you a few questions; take your time with each "
            "answer. Let's start: {question}"
        ),
        "company": " from {company}",
        "transition": "Next question: {question}",
        "move_on": "Thank you, that's helpful.",
        "closing": (
            "Thank you, {candidate}, that was my last question. We appreciate your time; "
            "the team will review your interview and be in touch about next steps. Goodbye!"
        ),
        "repeat": "Of course. Here it is again: {question}",
        "ask_more": "Could you tell me a bit more? What exactly happened, and what did you do?",
        "ask_example": "Can you give me a specific example from your own experience?",
        "ask_result": "What was the result? If you can, put a number on the outcome.",
        "ask_personal": "What did you personally do in that situation, as opposed to the team?",
        "ask_point": "What about {point}? How did that come into it?",
        "ask_topic": "Could you also tell me about {point}?",
        "deepen": "Looking back, what would you do differently next time, and why?",
        "named": "{candidate}, ",
        "ack_2": "Okay, thank you.",
        "ack_3": "Thanks for that.",
        "ack_4": "Understood, thank you.",
        "answer_lead": "Good question.",
        "answer_lead_2": "Sure, I can tell you that.",
        "dont_know_2": (
            "I'm afraid I don't know that one. It's on my list for the recruiter, who will get "
            "back to you."
        ),
        "dont_know": (
            "That's a fair question, but I don't have that information. I've noted it, and the "
            "recruiter will follow up with you."
        ),
        "back_1": "Now, back to my question about {topic}.",
        "back_2": "Let's return to {topic} whenever you're ready.",
        "back_3": "Coming back to {topic}: go ahead when you're ready.",
        "answer_lead_3": "Happy to answer that.",
        "dont_know_3": (
            "I don't have an answer to that here. The recruiter will see your question and reply "
            "to you."
        ),
        "dont_know_4": (
            "Good question — I can't answer it from what I have. I've passed it on, and the "
            "recruiter will follow up."
        ),
        "told_before": "As I mentioned a moment ago, that's what I know about it.",
        "dont_know_about": (
            "I'm afraid I don't have information about the {subject}, but I've noted your "
            "question and the recruiter will follow up with you."
        ),
        "rephrase": "Let me put it differently: tell me, in your own words, about {topic}.",
    },
    "es": {
        "greeting": (
            "¡Hola, {candidate}! Soy {interviewer}{company}. Gracias por participar en esta "
            "entrevista para el puesto de {title}. {overviews}Te haré algunas preguntas; tómate "
            "tu tiempo. Empecemos: {question}"
        ),
        "company": " de {company}",
        "transition": "Siguiente pregunta: {question}",
        "move_on": "Gracias, es muy útil.",
        "closing": (
            "Gracias, {candidate}, esa era mi última pregunta. Agradecemos tu tiempo; el equipo "
            "revisará tu entrevista y se pondrá en contacto contigo. ¡Hasta luego!"
        ),
        "repeat": "Claro. Te la repito: {question}",
        "ask_more": "¿Podrías contarme un poco más? ¿Qué pasó exactamente y qué hiciste tú?",
        "ask_example": "¿Puedes darme un ejemplo concreto de tu propia experiencia?",
        "ask_result": "¿Cuál fue el resultado? Si puedes, dame una cifra concreta.",
        "ask_personal": "¿Qué hiciste tú personalmente en esa situación, más allá del equipo?",
        "ask_point": "¿Y {point}? ¿Cómo entró eso en lo que hiciste?",
        "ask_topic": "¿Podrías hablarme también de {point}?",
        "deepen": "Mirando atrás, ¿qué harías diferente la próxima vez y por qué?",
        "named": "{candidate}, ",
        "ack_2": "De acuerdo, gracias.",
        "ack_3": "Gracias por contarlo.",
        "ack_4": "Entendido, gracias.",
        "answer_lead": "Buena pregunta.",
        "answer_lead_2": "Claro, te lo cuento.",
        "dont_know_2": "Me temo que no lo sé. Lo apunto para el reclutador, que te responderá.",
        "dont_know": (
            "Es una pregunta razonable, pero no tengo esa información. La he anotado y el "
            "reclutador te responderá."
        ),
        "back_1": "Volvamos a mi pregunta; tómate tu tiempo.",
        "back_2": "Retomemos la pregunta cuando quieras.",
        "back_3": "Volviendo a lo que te pregunté: adelante cuando estés listo.",
        "told_before": "Como te comenté hace un momento, es lo que sé al respecto.",
        "rephrase": (
            "Te lo planteo de otra forma: piensa en un caso real que tenga que ver con esto y "
            "cuéntame, con tus palabras, qué pasó y qué hiciste tú."
        ),
    },
    "fr": {
        "greeting": (
            "Bonjour {candidate} ! Je suis {interviewer}{company}. Merci de participer à cet "
            "entretien pour le poste de {title}. {overviews}Je vais vous poser quelques "
            "questions ; prenez votre temps. Commençons : {question}"
        ),
        "company": " de {company}",
        "transition": "Question suivante : {question}",
        "move_on": "Merci, c'est très utile.",
        "closing": (
            "Merci, {candidate}, c'était ma dernière question. Merci pour votre temps ; l'équipe "
            "examinera votre entretien et reviendra vers vous. Au revoir !"
        ),
        "repeat": "Bien sûr. Je répète : {question}",
        "ask_more": (
            "Pouvez-vous m'en dire un peu plus ? Que s'est-il passé, et qu'avez-vous fait ?"
        ),
        "ask_example": "Pouvez-vous me donner un exemple précis tiré de votre expérience ?",
        "ask_result": "Quel a été le résultat ? Si possible, donnez-moi un chiffre.",
        "ask_personal": (
            "Qu'avez-vous fait personnellement dans cette situation, au-delà de l'équipe ?"
        ),
        "ask_point": "Et {point} ? Quelle place cela a-t-il eu ?",
        "ask_topic": "Pouvez-vous aussi me parler de {point} ?",
        "deepen": "Avec le recul, que feriez-vous différemment la prochaine fois, et pourquoi ?",
        "named": "{candidate}, ",
        "ack_2": "D'accord, merci.",
        "ack_3": "Merci pour cette réponse.",
        "ack_4": "Entendu, merci.",
        "answer_lead": "Bonne question.",
        "answer_lead_2": "Bien sûr, je peux vous le dire.",
        "dont_know_2": (
            "Je crains de ne pas le savoir. Je le note pour le recruteur, qui vous répondra."
        ),
        "dont_know": (
            "C'est une question légitime, mais je n'ai pas cette information. Je l'ai notée et "
            "le recruteur reviendra vers vous."
        ),
        "back_1": "Revenons à ma question ; prenez votre temps.",
        "back_2": "Reprenons la question quand vous voulez.",
        "back_3": "Pour revenir à ma question : allez-y quand vous êtes prêt.",
        "told_before": "Comme je l'ai dit il y a un instant, c'est ce que je sais à ce sujet.",
        "rephrase": (
            "Autrement dit : pensez à un cas réel lié à cette question et racontez-moi, avec vos "
            "mots, ce qui s'est passé et ce que vous avez fait."
        ),
    },
    "de": {
        "greeting": (
            "Hallo {candidate}! Ich bin {interviewer}{company}. Danke, dass Sie an diesem "
            "Interview für die Position {title} teilnehmen. {overviews}Ich stelle Ihnen einige "
            "Fragen; nehmen Sie sich Zeit. Fangen wir an: {question}"
        ),
        "company": " von {company}",
        "transition": "Nächste Frage: {question}",
        "move_on": "Danke, das ist hilfreich.",
        "closing": (
            "Vielen Dank, {candidate}, das war meine letzte Frage. Danke für Ihre Zeit; das Team "
            "wird Ihr Interview prüfen und sich bei Ihnen melden. Auf Wiedersehen!"
        ),
        "repeat": "Natürlich. Noch einmal: {question}",
        "ask_more": (
            "Können Sie etwas mehr erzählen? Was genau ist passiert und was haben Sie getan?"
        ),
        "ask_example": "Können Sie ein konkretes Beispiel aus Ihrer eigenen Erfahrung nennen?",
        "ask_result": "Was war das Ergebnis? Wenn möglich, nennen Sie eine Zahl.",
        "ask_personal": "Was haben Sie persönlich in dieser Situation getan, nicht das Team?",
        "ask_point": "Und {point}? Welche Rolle hat das gespielt?",
        "ask_topic": "Können Sie mir auch etwas über {point} erzählen?",
        "deepen": "Was würden Sie im Rückblick beim nächsten Mal anders machen, und warum?",
        "named": "{candidate}, ",
        "ack_2": "In Ordnung, danke.",
        "ack_3": "Danke dafür.",
        "ack_4": "Verstanden, danke.",
        "answer_lead": "Gute Frage.",
        "answer_lead_2": "Gern, das kann ich Ihnen sagen.",
        "dont_know_2": (
            "Das weiß ich leider nicht. Ich notiere es für die Personalabteilung, die sich meldet."
        ),
        "dont_know": (
            "Das ist eine berechtigte Frage, aber diese Information habe ich nicht. Ich habe sie "
            "notiert, und die Personalabteilung meldet sich bei Ihnen."
        ),
        "back_1": "Zurück zu meiner Frage; lassen Sie sich Zeit.",
        "back_2": "Kehren wir zur Frage zurück, wann immer Sie bereit sind.",
        "back_3": "Um auf meine Frage zurückzukommen: legen Sie los, wenn Sie bereit sind.",
        "told_before": "Wie eben gesagt, mehr weiß ich dazu nicht.",
        "rephrase": (
            "Anders gesagt: Denken Sie an einen echten Fall dazu und erzählen Sie in eigenen "
            "Worten, was passiert ist und was Sie getan haben."
        ),
    },
    "pt": {
        "greeting": (
            "Olá, {candidate}! Eu sou {interviewer}{company}. Obrigado por participar desta "
            "entrevista para a vaga de {title}. {overviews}Vou fazer algumas perguntas; não "
            "tenha pressa. Vamos começar: {question}"
        ),
        "company": " da {company}",
        "transition": "Próxima pergunta: {question}",
        "move_on": "Obrigado, isso ajuda bastante.",
        "closing": (
            "Obrigado, {candidate}, essa foi a minha última pergunta. Agradecemos o seu tempo; a "
            "equipe vai analisar a sua entrevista e entrará em contato. Até logo!"
        ),
        "repeat": "Claro. Repetindo: {question}",
        "ask_more": "Pode me contar um pouco mais? O que aconteceu exatamente e o que você fez?",
        "ask_example": "Pode me dar um exemplo concreto da sua própria experiência?",
        "ask_result": "Qual foi o resultado? Se puder, dê um número.",
        "ask_personal": "O que você fez pessoalmente nessa situação, além da equipe?",
        "ask_point": "E {point}? Como isso entrou no que você fez?",
        "ask_topic": "Pode me falar também sobre {point}?",
        "deepen": "Olhando para trás, o que você faria diferente da próxima vez, e por quê?",
        "named": "{candidate}, ",
        "ack_2": "Certo, obrigado.",
        "ack_3": "Obrigado por contar.",
        "ack_4": "Entendido, obrigado.",
        "answer_lead": "Boa pergunta.",
        "answer_lead_2": "Claro, posso contar.",
        "dont_know_2": "Receio não saber. Anoto para o recrutador, que vai responder a você.",
        "dont_know": (
            "É uma pergunta justa, mas não tenho essa informação. Anotei e o recrutador vai "
            "responder a você."
        ),
        "back_1": "Voltando à minha pergunta; não tenha pressa.",
        "back_2": "Vamos retomar a pergunta quando quiser.",
        "back_3": "Voltando ao que perguntei: pode seguir quando estiver pronto.",
        "told_before": "Como eu disse há pouco, é o que sei sobre isso.",
        "rephrase": (
            "Dito de outra forma: pense em um caso real ligado a isso e conte, com suas palavras, "
            "o que aconteceu e o que você fez."
        ),
    },
}

# "Could you repeat that?" in the supported languages. Matched against short utterances only, so a
# long answer that merely contains "again" is not mistaken for a request.
REPEAT_PATTERNS = re.compile(
    r"\b(repeat|say (that|it) again|come again|pardon|didn'?t (catch|hear|get)"
    r"|what was the question|can you rephrase|rephrase|one more time"
    r"|repetir|repite|puede repetir|no (te|le) (he )?(entend|escuch)|otra vez"
    r"|répéter|répétez|pouvez-vous répéter|je n'ai pas compris|encore une fois"
    r"|wiederholen|noch ?mal|nicht verstanden|wie bitte"
    r"|repetir|repete|pode repetir|não entendi|de novo)\b",
    re.IGNORECASE,
)


SHORT_REPEATS = frozenset(
    {"sorry", "what", "pardon", "huh", "excuse me", "perdón", "comment", "bitte"}
)


def language_of(code: str) -> str:
    """Map a posting language ("pt-BR", "de") to a supported phrase set, English by default."""
    base = (code or "en").lower().split("-")[0].split("_")[0]
    return base if base in PHRASES else "en"


def has_phrase(language: str, key: str) -> bool:
    return key in PHRASES[language_of(language)]


def phrase(language: str, key: str, **values: str) -> str:
    return PHRASES[language_of(language)][key].format(**values)


def is_repeat_request(text: str) -> bool:
    """True when a short candidate utterance asks for the question to be repeated."""
    stripped = (text or "").strip()
    if not stripped or len(stripped.split()) > 14:
        return False
    if stripped.lower().rstrip("?!. ") in SHORT_REPEATS:
        return True
    return bool(REPEAT_PATTERNS.search(stripped))
