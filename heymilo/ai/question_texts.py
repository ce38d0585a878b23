"""The local question generator's wording, per language. ``{title}``, ``{skill}``, ``{company}``
and ``{at_company}`` (" at BrightDesk", or nothing) are filled in by ``questions.py``."""

from __future__ import annotations

TEXTS: dict[str, dict] = {
    "en": {
        "a_new_hire": "a new hire",
        "behavioral_noun": (
            "Tell me about a time your {skill} made a real difference. What was the situation, "
            "what did you do, and what was the result?"
        ),
        "behavioral_verb": (
            "Tell me about a time you had to {skill}. What was the situation, what did you do, "
            "and what was the result?"
        ),
        "situational_noun": (
            "Imagine you join us as {title} and your first week tests your {skill}. "
            "How would you approach it, step by step?"
        ),
        "situational_verb": (
            "Imagine you join us as {title} and in your first week you need to {skill}. "
            "How would you approach it, step by step?"
        ),
        "technical_noun": (
            "How do you put your {skill} to work day to day? Walk me through a concrete case."
        ),
        "technical_verb": "How do you {skill}? Walk me through a concrete case you handled.",
        "skill_criteria": (
            "Assess the candidate's ability here: {skill}. Look for a specific example, the "
            "candidate's own actions, and a clear, preferably measurable, outcome."
        ),
        "skill_score_of_1": "Cannot give a relevant example or answers in vague generalities.",
        "skill_score_of_5": (
            "Describes a detailed, relevant example ({skill}), explains their own actions and "
            "reasoning step by step, and reports a concrete result."
        ),
        "motivation_company": "Why are you interested in the {title} role at {company}?",
        "motivation": "Why are you interested in this {title} role?",
        "motivation_criteria": (
            "Assess genuine motivation for the {title} role and understanding of what it involves."
        ),
        "motivation_score_of_1": "Generic answer with no connection to the role or company.",
        "motivation_score_of_5": (
            "Shows genuine interest in the role, knowledge of the company and a clear link to "
            "their own experience and goals."
        ),
        "at_company": " at {company}",
        "role_questions": (
            "What achievement from your work so far best prepares you to be our {title}?",
            "Describe a time you had to learn something new quickly for a job like {title}. "
            "How did you do it?",
            "Tell me about a disagreement with a colleague and how you resolved it. How would "
            "that help you as {title}?",
            "Describe a mistake you made at work and what you changed afterwards. What would it "
            "teach you as {title}?",
            "What would you want to have achieved after your first 90 days as {title}{at_company}?",
            "Which part of the {title} role do you expect to be hardest, and how would you "
            "prepare for it?",
            "How do you organise a busy week as {title} when several tasks are urgent?",
            "Tell me about feedback that changed how you work. How would it shape you as {title}?",
        ),
        "role_criteria": (
            "Assess how the candidate's experience fits the {title} role. Look for a specific "
            "example, personal ownership and a clear outcome."
        ),
        "role_score_of_1": "No example, or blames others with no reflection.",
        "role_score_of_5": (
            "Specific example, clear personal actions, measurable outcome and reflection."
        ),
        "aspects": ("customers", "teamwork", "tools", "quality", "priorities", "growth"),
        "aspect_question": (
            "Thinking about {aspect} as {{title}}, what is one thing you would do differently "
            "from your last role, and why? (part {n})"
        ),
    },
    "es": {
        "a_new_hire": "una nueva incorporación",
        "behavioral_noun": (
            "Cuéntame una ocasión en la que tu {skill} marcó una diferencia real. ¿Cuál era la "
            "situación, qué hiciste y cuál fue el resultado?"
        ),
        "behavioral_verb": (
            "Cuéntame una ocasión en la que tuviste que {skill}. ¿Cuál era la situación, qué "
            "hiciste y cuál fue el resultado?"
        ),
        "situational_noun": (
            "Imagina que te incorporas como {title} y tu primera semana pone a prueba tu {skill}. "
            "¿Cómo lo abordarías, paso a paso?"
        ),
        "situational_verb": (
            "Imagina que te incorporas como {title} y en tu primera semana necesitas {skill}. "
            "¿Cómo lo abordarías, paso a paso?"
        ),
        "technical_noun": "¿Cómo aplicas tu {skill} en el día a día? Explícame un caso concreto.",
        "technical_verb": "¿Cómo sueles {skill}? Explícame un caso concreto que hayas resuelto.",
        "skill_criteria": (
            "Evalúa esta capacidad del candidato: {skill}. Busca un ejemplo concreto, sus propias "
            "acciones y un resultado claro, a ser posible medible."
        ),
        "skill_score_of_1": "No da un ejemplo relevante o responde con generalidades vagas.",
        "skill_score_of_5": (
            "Describe un ejemplo detallado y relevante ({skill}), explica sus propias acciones y "
            "su razonamiento paso a paso, e indica un resultado concreto."
        ),
        "motivation_company": "¿Por qué te interesa el puesto de {title} en {company}?",
        "motivation": "¿Por qué te interesa este puesto de {title}?",
        "motivation_criteria": (
            "Evalúa la motivación real por el puesto de {title} y la comprensión de lo que implica."
        ),
        "motivation_score_of_1": "Respuesta genérica sin relación con el puesto ni la empresa.",
        "motivation_score_of_5": (
            "Muestra interés real por el puesto, conoce la empresa y lo relaciona claramente con "
            "su experiencia y objetivos."
        ),
        "at_company": " en {company}",
        "role_questions": (
            "¿Qué logro de tu trayectoria te prepara mejor para ser nuestro {title}?",
            "Describe una vez en que tuviste que aprender algo nuevo rápidamente para un trabajo "
            "como el de {title}. ¿Cómo lo hiciste?",
            "Cuéntame un desacuerdo con un compañero y cómo lo resolviste. ¿Cómo te ayudaría "
            "como {title}?",
            "Describe un error que cometiste en el trabajo y qué cambiaste después. ¿Qué te "
            "enseñaría como {title}?",
            "¿Qué te gustaría haber logrado en tus primeros 90 días como {title}{at_company}?",
            "¿Qué parte del puesto de {title} crees que será la más difícil y cómo te prepararías?",
            "¿Cómo organizas una semana intensa como {title} cuando varias tareas son urgentes?",
            "Háblame de una crítica que cambió tu forma de trabajar. ¿Cómo te influiría como "
            "{title}?",
        ),
        "role_criteria": (
            "Evalúa cómo encaja la experiencia del candidato con el puesto de {title}. Busca un "
            "ejemplo concreto, responsabilidad personal y un resultado claro."
        ),
        "role_score_of_1": "Sin ejemplo, o culpa a otros sin reflexionar.",
        "role_score_of_5": (
            "Ejemplo concreto, acciones personales claras, resultado medible y reflexión."
        ),
        "aspects": ("clientes", "equipo", "herramientas", "calidad", "prioridades", "desarrollo"),
        "aspect_question": (
            "Pensando en {aspect} como {{title}}, ¿qué harías distinto respecto a tu último "
            "puesto y por qué? (parte {n})"
        ),
    },
    "fr": {
        "a_new_hire": "une nouvelle recrue",
        "behavioral_noun": (
            "Parlez-moi d'une fois où votre {skill} a vraiment fait la différence. Quelle était "
            "la situation, qu'avez-vous fait et quel a été le résultat ?"
        ),
        "behavioral_verb": (
            "Parlez-moi d'une fois où vous avez dû {skill}. Quelle était la situation, "
            "qu'avez-vous fait et quel a été le résultat ?"
        ),
        "situational_noun": (
            "Imaginez que vous nous rejoignez comme {title} et que votre première semaine met à "
            "l'épreuve votre {skill}. Comment vous y prendriez-vous, étape par étape ?"
        ),
        "situational_verb": (
            "Imaginez que vous nous rejoignez comme {title} et que, dès la première semaine, vous "
            "devez {skill}. Comment vous y prendriez-vous, étape par étape ?"
        ),
        "technical_noun": (
            "Comment mettez-vous votre {skill} en pratique au quotidien ? Décrivez un cas concret."
        ),
        "technical_verb": "Comment faites-vous pour {skill} ? Décrivez un cas concret.",
        "skill_criteria": (
            "Évaluez cette capacité du candidat : {skill}. Cherchez un exemple précis, ses propres "
            "actions et un résultat clair, si possible mesurable."
        ),
        "skill_score_of_1": "Ne donne pas d'exemple pertinent ou reste dans des généralités.",
        "skill_score_of_5": (
            "Décrit un exemple détaillé et pertinent ({skill}), explique ses propres actions et "
            "son raisonnement étape par étape, et indique un résultat concret."
        ),
        "motivation_company": "Pourquoi le poste de {title} chez {company} vous intéresse-t-il ?",
        "motivation": "Pourquoi ce poste de {title} vous intéresse-t-il ?",
        "motivation_criteria": (
            "Évaluez la motivation réelle pour le poste de {title} et la compréhension de ce "
            "qu'il implique."
        ),
        "motivation_score_of_1": "Réponse générique sans lien avec le poste ni l'entreprise.",
        "motivation_score_of_5": (
            "Montre un intérêt réel pour le poste, connaît l'entreprise et fait un lien clair avec "
            "son expérience et ses objectifs."
        ),
        "at_company": " chez {company}",
        "role_questions": (
            "Quelle réussite de votre parcours vous prépare le mieux à être notre {title} ?",
            "Décrivez une fois où vous avez dû apprendre vite quelque chose de nouveau pour un "
            "poste comme {title}. Comment avez-vous fait ?",
            "Parlez-moi d'un désaccord avec un collègue et de sa résolution. En quoi cela vous "
            "aiderait-il comme {title} ?",
            "Décrivez une erreur commise au travail et ce que vous avez changé ensuite. Que vous "
            "apprendrait-elle comme {title} ?",
            "Qu'aimeriez-vous avoir accompli après 90 jours comme {title}{at_company} ?",
            "Quelle partie du poste de {title} sera la plus difficile selon vous, et comment "
            "vous y prépareriez-vous ?",
            "Comment organisez-vous une semaine chargée comme {title} quand plusieurs tâches "
            "sont urgentes ?",
            "Parlez-moi d'un retour qui a changé votre façon de travailler. Comment vous "
            "influencerait-il comme {title} ?",
        ),
        "role_criteria": (
            "Évaluez l'adéquation de l'expérience du candidat avec le poste de {title}. Cherchez "
            "un exemple précis, une responsabilité personnelle et un résultat clair."
        ),
        "role_score_of_1": "Aucun exemple, ou rejette la faute sur les autres sans recul.",
        "role_score_of_5": (
            "Exemple précis, actions personnelles claires, résultat mesurable et prise de recul."
        ),
        "aspects": ("clients", "équipe", "outils", "qualité", "priorités", "progression"),
        "aspect_question": (
            "En pensant aux {aspect} comme {{title}}, que feriez-vous autrement que dans votre "
            "dernier poste, et pourquoi ? (partie {n})"
        ),
    },
    "de": {
        "a_new_hire": "eine neue Fachkraft",
        "behavioral_noun": (
            "Erzählen Sie von einer Situation, in der Ihre {skill} einen echten Unterschied "
            "gemacht hat. Was war die Lage, was haben Sie getan und was war das Ergebnis?"
        ),
        "behavioral_verb": (
            "Erzählen Sie von einer Situation, in der Sie {skill} mussten. Was war die Lage, was "
            "haben Sie getan und was war das Ergebnis?"
        ),
        "situational_noun": (
            "Stellen Sie sich vor, Sie fangen als {title} bei uns an und Ihre erste Woche fordert "
            "Ihre {skill}. Wie gehen Sie Schritt für Schritt vor?"
        ),
        "situational_verb": (
            "Stellen Sie sich vor, Sie fangen als {title} bei uns an und müssen in der ersten "
            "Woche {skill}. Wie gehen Sie Schritt für Schritt vor?"
        ),
        "technical_noun": (
            "Wie setzen Sie Ihre {skill} im Alltag ein? Beschreiben Sie einen konkreten Fall."
        ),
        "technical_verb": "Wie gehen Sie vor, um {skill}? Beschreiben Sie einen konkreten Fall.",
        "skill_criteria": (
            "Bewerten Sie diese Fähigkeit: {skill}. Achten Sie auf ein konkretes Beispiel, eigene "
            "Handlungen und ein klares, möglichst messbares Ergebnis."
        ),
        "skill_score_of_1": "Kein passendes Beispiel oder nur vage Allgemeinplätze.",
        "skill_score_of_5": (
            "Beschreibt ein detailliertes, passendes Beispiel ({skill}), erklärt eigene Schritte "
            "und Überlegungen und nennt ein konkretes Ergebnis."
        ),
        "motivation_company": "Warum interessiert Sie die Position {title} bei {company}?",
        "motivation": "Warum interessiert Sie diese Position als {title}?",
        "motivation_criteria": (
            "Bewerten Sie die echte Motivation für die Position {title} und das Verständnis "
            "der Aufgaben."
        ),
        "motivation_score_of_1": "Allgemeine Antwort ohne Bezug zur Position oder Firma.",
        "motivation_score_of_5": (
            "Zeigt echtes Interesse an der Position, kennt das Unternehmen und verbindet beides "
            "klar mit eigener Erfahrung und eigenen Zielen."
        ),
        "at_company": " bei {company}",
        "role_questions": (
            "Welche bisherige Leistung bereitet Sie am besten auf die Rolle als {title} vor?",
            "Beschreiben Sie, wie Sie für eine Stelle wie {title} schnell etwas Neues gelernt "
            "haben. Wie sind Sie vorgegangen?",
            "Erzählen Sie von einer Meinungsverschiedenheit mit einem Kollegen und wie Sie sie "
            "gelöst haben. Wie hilft Ihnen das als {title}?",
            "Beschreiben Sie einen Fehler bei der Arbeit und was Sie danach geändert haben. Was "
            "lehrt er Sie als {title}?",
            "Was möchten Sie nach Ihren ersten 90 Tagen als {title}{at_company} erreicht haben?",
            "Welcher Teil der Rolle als {title} wird am schwierigsten, und wie bereiten Sie sich "
            "darauf vor?",
            "Wie organisieren Sie als {title} eine volle Woche mit mehreren dringenden Aufgaben?",
            "Erzählen Sie von Feedback, das Ihre Arbeitsweise verändert hat. Wie prägt es Sie "
            "als {title}?",
        ),
        "role_criteria": (
            "Bewerten Sie, wie die Erfahrung zur Position {title} passt. Achten Sie auf ein "
            "konkretes Beispiel, Eigenverantwortung und ein klares Ergebnis."
        ),
        "role_score_of_1": "Kein Beispiel oder gibt anderen die Schuld ohne Reflexion.",
        "role_score_of_5": (
            "Konkretes Beispiel, klare eigene Handlungen, messbares Ergebnis und Reflexion."
        ),
        "aspects": ("Kunden", "Teamarbeit", "Werkzeuge", "Qualität", "Prioritäten", "Entwicklung"),
        "aspect_question": (
            "Wenn Sie als {{title}} an {aspect} denken: Was würden Sie anders machen als in Ihrer "
            "letzten Stelle, und warum? (Teil {n})"
        ),
    },
    "pt": {
        "a_new_hire": "uma nova contratação",
        "behavioral_noun": (
            "Conte sobre uma vez em que sua {skill} fez uma diferença real. Qual era a situação, "
            "o que você fez e qual foi o resultado?"
        ),
        "behavioral_verb": (
            "Conte sobre uma vez em que você precisou {skill}. Qual era a situação, o que você "
            "fez e qual foi o resultado?"
        ),
        "situational_noun": (
            "Imagine que você entra como {title} e a primeira semana põe à prova sua {skill}. "
            "Como você faria, passo a passo?"
        ),
        "situational_verb": (
            "Imagine que você entra como {title} e na primeira semana precisa {skill}. Como você "
            "faria, passo a passo?"
        ),
        "technical_noun": "Como você usa sua {skill} no dia a dia? Descreva um caso concreto.",
        "technical_verb": "Como você costuma {skill}? Descreva um caso concreto que resolveu.",
        "skill_criteria": (
            "Avalie esta capacidade do candidato: {skill}. Procure um exemplo concreto, as ações "
            "do próprio candidato e um resultado claro, de preferência mensurável."
        ),
        "skill_score_of_1": "Não dá um exemplo relevante ou responde com generalidades vagas.",
        "skill_score_of_5": (
            "Descreve um exemplo detalhado e relevante ({skill}), explica as próprias ações e o "
            "raciocínio passo a passo e relata um resultado concreto."
        ),
        "motivation_company": "Por que você se interessa pela vaga de {title} na {company}?",
        "motivation": "Por que você se interessa por esta vaga de {title}?",
        "motivation_criteria": (
            "Avalie a motivação real pela vaga de {title} e a compreensão do que ela envolve."
        ),
        "motivation_score_of_1": "Resposta genérica sem relação com a vaga ou a empresa.",
        "motivation_score_of_5": (
            "Mostra interesse real pela vaga, conhece a empresa e faz uma ligação clara com sua "
            "experiência e seus objetivos."
        ),
        "at_company": " na {company}",
        "role_questions": (
            "Que conquista da sua trajetória mais prepara você para ser nosso {title}?",
            "Descreva uma vez em que precisou aprender algo novo rapidamente para um trabalho "
            "como {title}. Como fez?",
            "Conte sobre um desacordo com um colega e como o resolveu. Como isso ajudaria você "
            "como {title}?",
            "Descreva um erro que cometeu no trabalho e o que mudou depois. O que ele ensinaria "
            "a você como {title}?",
            "O que você gostaria de ter alcançado nos primeiros 90 dias como {title}{at_company}?",
            "Que parte da vaga de {title} você acha que será mais difícil, e como se prepararia?",
            "Como você organiza uma semana cheia como {title} quando várias tarefas são urgentes?",
            "Fale de um feedback que mudou sua forma de trabalhar. Como ele influenciaria você "
            "como {title}?",
        ),
        "role_criteria": (
            "Avalie como a experiência do candidato se encaixa na vaga de {title}. Procure um "
            "exemplo concreto, responsabilidade pessoal e um resultado claro."
        ),
        "role_score_of_1": "Sem exemplo, ou culpa os outros sem reflexão.",
        "role_score_of_5": (
            "Exemplo concreto, ações pessoais claras, resultado mensurável e reflexão."
        ),
        "aspects": ("clientes", "equipe", "ferramentas", "qualidade", "prioridades", "crescimento"),
        "aspect_question": (
            "Pensando em {aspect} como {{title}}, o que você faria diferente do seu último "
            "emprego, e por quê? (parte {n})"
        ),
    },
}
