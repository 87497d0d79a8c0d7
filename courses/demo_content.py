"""Demo content for the course and the video library.

Pure data, no Django code: a management command or data migration can turn
these literals into Wagtail pages. Rich text uses Wagtail's storage format
(only p, h2, h3, ul, ol, li, b and i). Clinical vignettes are composites.
"""

from __future__ import annotations

COURSE = {
    "title": "The common infrastructure of psychotherapy",
    "slug": "common-infrastructure",
    "summary": (
        "A self-paced course on what all psychotherapies share: the working alliance, "
        "ruptures and repair, case formulation, the therapist's own contribution, and "
        "ending well. For therapists of every school who want a common language."
    ),
    "intro": (
        "<p>Psychotherapists are trained into schools, and the schools have often "
        "defined themselves by their differences. Yet clients are helped by therapists "
        "of many traditions, and research over several decades keeps returning to the "
        "same conclusion: much of what makes therapy work is shared. This course is "
        "about that shared ground, the common infrastructure that carries every "
        "approach.</p><p>Over six modules we move from the research on common factors "
        "to the working alliance, ruptures and repair, case formulation across "
        "schools, the therapist's own contribution, and finally outcomes, endings and "
        "ethics. Each lesson combines short readings, video, practical options and "
        "reflection questions you can use on your own or bring to the forum and to the "
        "live group coaching sessions.</p><p>Nothing here asks you to abandon your "
        "home model. The aim is to help you see its foundations more clearly, borrow "
        "wisely from colleagues trained differently, and make your own informed "
        "choices in the room.</p>"
    ),
    "modules": [
        {
            "title": "What all therapies share",
            "slug": "what-therapies-share",
            "summary": (
                "Why therapies that disagree about almost everything produce broadly "
                "similar results, and what that tells us about the shared structure "
                "underneath our work."
            ),
            "lessons": [
                {
                    "title": "The Dodo bird and its critics",
                    "slug": "dodo-bird-verdict",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Almost a century ago, the psychologist Saul "
                                "Rosenzweig noticed something awkward for a field that "
                                "was busy forming rival schools. Therapists who "
                                "disagreed sharply about what caused suffering, and "
                                "about what should happen in the consulting room, "
                                "seemed to help their clients about equally well. He "
                                "borrowed an image from <i>Alice in Wonderland</i>: "
                                "after a chaotic race, the Dodo declares that "
                                "everybody has won and all must have prizes. "
                                "Rosenzweig's suggestion was that the schools might be "
                                "succeeding for reasons they shared rather than for "
                                "the reasons each of them advertised.</p><p>Since "
                                "then, comparisons between bona fide therapies, "
                                "meaning treatments delivered by trained therapists "
                                "who believe in them and who follow a coherent "
                                "rationale, have tended to find smaller differences "
                                "than the schools' own theories would predict. The "
                                "finding has been debated vigorously, and it deserves "
                                "to be.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>What the verdict does not say</h3><ul><li>It does "
                                "not say that anything goes. Equivalence applies to "
                                "structured, credible treatments delivered "
                                "competently, not to whatever happens in a room with "
                                "two chairs.</li><li>It does not say that technique is "
                                "irrelevant. Each school's methods may be the vehicle "
                                "through which shared ingredients travel.</li><li>It "
                                "does not settle every comparison. For some "
                                "presentations, specific procedures appear to have a "
                                "real edge, and a careful practitioner keeps an eye on "
                                "that evidence.</li></ul><p>For this course, the "
                                "useful lesson is more modest and more practical. If "
                                "much of what helps is shared, then each of us, "
                                "whatever our training, is standing on a common "
                                "infrastructure: a relationship, a rationale, a set of "
                                "procedures, a setting and the client's own resources. "
                                "Learning to see that infrastructure clearly lets you "
                                "borrow across schools without losing your footing, "
                                "and it gives you a language for talking with "
                                "colleagues trained very differently from you.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "title": "Not a license for vagueness",
                                "text": (
                                    "<p>Common factors are sometimes used to justify "
                                    "unstructured work. The research points the other "
                                    "way: the shared ingredients seem to work best "
                                    "when the therapist offers a clear, believable "
                                    "framework and follows it with some "
                                    "consistency.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Take a few minutes with your own training history."
                                ),
                                "questions": [
                                    (
                                        "Which school did you first learn in, and what "
                                        "did it teach you to believe was the active "
                                        "ingredient?"
                                    ),
                                    (
                                        "When have you seen a colleague from a very "
                                        "different tradition help a client you might "
                                        "have struggled with?"
                                    ),
                                    (
                                        "What would you lose, and what would you gain, "
                                        "if you held your model a little more lightly?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Frank's healing setting",
                    "slug": "healing-setting",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Jerome Frank, a psychiatrist who spent his career "
                                "studying persuasion and healing, proposed that people "
                                "rarely come to therapy simply because of a symptom. "
                                "They come because they have become demoralized: they "
                                "feel unable to cope, ashamed that they cannot, and "
                                "uncertain that anything will change. Symptoms matter, "
                                "but demoralization is often what brings someone "
                                "through the door. Frank saw psychotherapy as one "
                                "member of a larger family of healing practices, and "
                                "he described four features the members of that family "
                                "share.</p><ol><li><b>An emotionally charged, "
                                "confiding relationship</b> with a helper the person "
                                "trusts.</li><li><b>A healing setting</b> that is set "
                                "apart from ordinary life and signals that help is "
                                "available here: a consulting room, a regular time, a "
                                "professional frame.</li><li><b>A rationale, or "
                                "myth</b> in Frank's deliberately neutral word, that "
                                "offers a plausible explanation of the person's "
                                "difficulties and of how they can be "
                                "overcome.</li><li><b>A ritual or procedure</b> that "
                                "both people take part in and believe in, and that "
                                "follows from the rationale.</li></ol>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/healing-setting"
                                ),
                                "caption": (
                                    "Miriam Okafor on demoralization and the first "
                                    "hour of therapy"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<p>It is easy to hear the word myth as dismissive. "
                                "Frank did not intend it that way. He meant that the "
                                "explanation must be coherent and acceptable to both "
                                "people; it does not need to be the final truth about "
                                "the human mind. A cognitive model, an "
                                "attachment-based account and a systemic reframe can "
                                "all serve this function, provided the client finds "
                                "the explanation credible and it connects to what the "
                                "two of you will actually do.</p><p>In practical "
                                "terms, Frank invites us to ask of every therapy, "
                                "including our own: does this person feel that the "
                                "setting is safe and set apart? Have I offered an "
                                "understanding of their difficulty that makes sense to "
                                "them? Do we share a procedure that follows from it? "
                                "And is their demoralization beginning to lift? Those "
                                "questions are worth asking in the first session and "
                                "revisiting whenever the work feels stuck.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Think of a client you are seeing now.",
                                "questions": [
                                    (
                                        "What would this client say, in their own "
                                        "words, about why they came?"
                                    ),
                                    (
                                        "Which of Frank's four features feels "
                                        "strongest in your work with them, and which "
                                        "feels thinnest?"
                                    ),
                                    (
                                        "What is one small change to the setting or "
                                        "the rationale that might strengthen the frame?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "The contextual model",
                    "slug": "contextual-model",
                    "minutes": 24,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Bruce Wampold and his colleagues have developed "
                                "Frank's ideas into what they call the contextual "
                                "model. It proposes that psychotherapy helps through "
                                "three interlocking pathways, each of which depends on "
                                "the relationship between client and "
                                "therapist.</p><h3>Three pathways</h3><ul><li><b>The "
                                "real relationship.</b> A genuine human connection "
                                "with someone who is warm, attentive and honest is "
                                "itself beneficial, especially for people whose "
                                "relationships have been lonely, unsafe or "
                                "critical.</li><li><b>Expectations.</b> When a client "
                                "accepts an explanation of their difficulties and "
                                "believes that the tasks of therapy will help, their "
                                "hope and sense of mastery increase, and that shift "
                                "alone can ease distress.</li><li><b>Specific "
                                "ingredients.</b> Every therapy asks the client to do "
                                "something health-promoting: face what they avoid, "
                                "test a belief, notice a feeling, try a new way of "
                                "relating. The procedures differ between schools; what "
                                "they share is that they lead towards healthier "
                                "actions.</li></ul>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/contextual-model"
                                ),
                                "caption": (
                                    "The contextual model in ten minutes, with "
                                    "examples from three traditions"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<p>Before any of these pathways opens, there is an "
                                "initial bond. In the first contacts a client forms an "
                                "impression, sometimes within minutes, of whether this "
                                "person is trustworthy, competent and interested. The "
                                "contextual model treats that first impression as a "
                                "gateway rather than a formality.</p><p>The model is "
                                "useful at the level of everyday choices. If a client "
                                "is not improving, you can ask which pathway seems to "
                                "be blocked. Is the relationship thin or guarded? Does "
                                "the client not really believe the explanation you "
                                "have offered? Or do you both believe in it, but the "
                                "healthy actions are not happening between sessions? "
                                "Each answer points to a different adjustment, and "
                                "none of them requires abandoning your theoretical "
                                "home.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "One impasse, three readings",
                                "text": (
                                    "<p>A client in his fifties has attended regularly "
                                    "for several months and speaks warmly of the "
                                    "sessions, yet little has changed. The "
                                    "relationship pathway looks open. Asking gently "
                                    "what he expects therapy to do reveals that he "
                                    "sees it as a place to be understood, not a place "
                                    "to try anything new. The work now turns to the "
                                    "rationale and the tasks, not to the bond.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Use the three pathways as a quick audit.",
                                "questions": [
                                    (
                                        "Choose a client who is not progressing as you "
                                        "hoped. Which pathway seems most blocked?"
                                    ),
                                    (
                                        "How would you check your hunch with the "
                                        "client rather than deciding it alone?"
                                    ),
                                    (
                                        "Which pathway do you tend to rely on most, "
                                        "and which do you tend to neglect?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Expectations and hope",
                    "slug": "expectations-and-hope",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Clients arrive with expectations of many kinds: "
                                "about how long therapy takes, what the therapist will "
                                "do, whether they will be judged, and whether anything "
                                "can change. Some of these expectations are explicit; "
                                "many are not. The belief that therapy will help "
                                "appears consistently linked with better results "
                                "across approaches. Expectations about roles matter "
                                "too: a client who expects advice and receives silence "
                                "may conclude that the therapist is withholding, while "
                                "a client who expects to be listened to may feel "
                                "bulldozed by homework.</p><p>Hope is not something a "
                                "therapist can simply assert. It grows when the client "
                                "meets a credible explanation, senses that the "
                                "therapist has seen difficulties like this before, and "
                                "notices early signs that the procedure makes a "
                                "difference.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Working with expectations</h3><ul><li>Ask "
                                "directly what the client imagines therapy will be "
                                "like, and what they have heard or experienced "
                                "before.</li><li>Offer your rationale in plain "
                                "language early, then check how it lands. Invite "
                                "disagreement.</li><li>Be honest about uncertainty. "
                                "Realistic hope is sturdier than optimism the client "
                                "senses is performed.</li><li>Look for an early, "
                                "modest success and name it together, so the client "
                                "has evidence of their own capacity.</li></ul><p>Hope "
                                "also has a shadow. Inflated promises, or a therapist "
                                "who needs the client to improve, can leave the client "
                                "feeling that any setback is their failure. The aim is "
                                "a shared, grounded expectation that this is worth "
                                "doing and that progress is possible, not guaranteed. "
                                "If hope seems fragile, it can help to borrow from the "
                                "client's past: times they changed something "
                                "difficult, and what made that possible.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "A question worth keeping",
                                "text": (
                                    "<p>Near the end of a first session, try asking: "
                                    "<i>From what we have talked about today, what do "
                                    "you imagine will happen in our work together?</i> "
                                    "The answer often shows you where expectations "
                                    "need adjusting before they turn into "
                                    "disappointment.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Consider how you talk about therapy at the start."
                                ),
                                "questions": [
                                    (
                                        "How do you usually explain your way of "
                                        "working to a new client, and how long does it "
                                        "take?"
                                    ),
                                    (
                                        "When has a mismatch in expectations, rather "
                                        "than a clinical problem, threatened a piece "
                                        "of work?"
                                    ),
                                    (
                                        "Where is the line, for you, between offering "
                                        "hope and making promises?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Technique in its proper place",
                    "slug": "technique-in-its-place",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Common factors research is sometimes heard as an "
                                "argument against technique. That reading misses the "
                                "point. No client has ever been helped by a common "
                                "factor in the abstract; they are helped by a "
                                "particular therapist doing particular things in a "
                                "particular relationship. Techniques are how the "
                                "shared ingredients become concrete. An exposure "
                                "hierarchy, a two-chair dialogue and a transference "
                                "interpretation each give the client a structured way "
                                "to approach what they have avoided and to experience "
                                "it differently.</p><p>What the research does "
                                "challenge is the idea that technique works "
                                "independently of the relationship and the rationale. "
                                "The same intervention can be an act of attunement or "
                                "an act of intrusion, depending on timing, tone and "
                                "whether the client understands why it is being "
                                "offered.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/technique-in-its-place"
                                ),
                                "caption": (
                                    "Miriam Okafor: holding a model firmly enough to "
                                    "use it, lightly enough to adapt it"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Allegiance and flexibility</h3><p>Therapists tend "
                                "to do best with the methods they believe in, and "
                                "researchers tend to find that their own preferred "
                                "therapy performs well. This allegiance is not only a "
                                "bias to be corrected. Belief in a method conveys "
                                "confidence, and clients read it. The risk is "
                                "rigidity: persisting with a procedure because the "
                                "model prescribes it when this client, today, needs "
                                "something else.</p><p>John Norcross and others have "
                                "argued for responsiveness: adapting the relationship "
                                "and the methods to the individual client, including "
                                "their preferences, culture, readiness for change and "
                                "sensitivity to being directed. Responsiveness is not "
                                "eclecticism for its own sake. It means having a home "
                                "model you know well, a few well-practiced "
                                "alternatives, and a habit of noticing when the fit is "
                                "poor. The modules that follow treat technique in this "
                                "way: as something chosen in the light of the "
                                "relationship, the formulation and the client's "
                                "feedback.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Look at your own repertoire.",
                                "questions": [
                                    (
                                        "Which technique do you reach for most often, "
                                        "and what shared ingredient does it deliver?"
                                    ),
                                    (
                                        "When did you last set a technique aside "
                                        "because the client needed something different?"
                                    ),
                                    (
                                        "Is there a method from another tradition you "
                                        "would like to practice deliberately this year?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "The working alliance",
            "slug": "working-alliance",
            "summary": (
                "Bordin's account of bond, goals and tasks, how the alliance forms in "
                "the first sessions, and practical ways to keep track of it with "
                "individuals, couples and families."
            ),
            "lessons": [
                {
                    "title": "Bond, goals and tasks",
                    "slug": "bond-goals-tasks",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Edward Bordin proposed that the working alliance "
                                "is not a feature of any one therapy but a component "
                                "of all of them. His definition has three strands. The "
                                "<b>bond</b> is the emotional connection: trust, "
                                "liking, a sense of being respected and taken "
                                "seriously. The <b>goals</b> are what client and "
                                "therapist agree they are working towards. The "
                                "<b>tasks</b> are the activities each expects to do in "
                                "and between sessions to get there. An alliance is "
                                "strong when the bond is secure enough and both people "
                                "agree on goals and tasks.</p><p>The beauty of this "
                                "definition is that it is pan-theoretical. A behavior "
                                "therapist and a psychoanalyst will propose very "
                                "different tasks, but both need the client to see "
                                "those tasks as relevant to goals they share, and both "
                                "need enough of a bond to carry the client through the "
                                "uncomfortable parts.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/bond-goals-tasks"
                                ),
                                "caption": (
                                    "Bond, goals and tasks illustrated with short "
                                    "role-played excerpts"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Why the three strands matter "
                                "separately</h3><p>Therapists often assess the "
                                "alliance by feel, and what they feel is mostly the "
                                "bond. It is possible to be warmly liked by a client "
                                "while quietly disagreeing about goals, or while the "
                                "client privately finds the tasks pointless. Such "
                                "alliances can look good for months and still be weak "
                                "where it counts.</p><p>Thinking in three strands "
                                "gives you more precise questions. Do we both know "
                                "what we are aiming for? Have we said it aloud "
                                "recently? Does the client understand how what we do "
                                "in the room relates to that aim? Bordin also "
                                "suggested that the demands a therapy places on the "
                                "client shape the alliance it needs: a therapy that "
                                "asks for painful exposure or deep self-disclosure "
                                "requires a sturdier bond than one that asks for "
                                "less.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Pick one ongoing piece of work and look at each "
                                    "strand."
                                ),
                                "questions": [
                                    (
                                        "How would you rate the bond, and what is your "
                                        "evidence?"
                                    ),
                                    (
                                        "Could you and the client each state the goal "
                                        "in the same words?"
                                    ),
                                    (
                                        "Does the client see how the tasks connect to "
                                        "the goal, or are they following along out of "
                                        "goodwill?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "The early alliance",
                    "slug": "early-alliance",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>The alliance that forms over the first few "
                                "sessions is one of the more consistent predictors of "
                                "how therapy will go, across many approaches. This "
                                "does not make the early alliance destiny. It means "
                                "the opening sessions deserve as much deliberate "
                                "attention as any intervention later on.</p><p>In "
                                "practice, early alliance building is less about charm "
                                "than about clarity and responsiveness. Clients tend "
                                "to feel allied with a therapist who seems to "
                                "understand the problem as they experience it, who "
                                "explains what will happen, who has a plausible plan, "
                                "and who adjusts when something does not fit.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>What helps in the first sessions</h3><ul><li>Let "
                                "the client tell their story in their own order before "
                                "you impose structure. A brief, accurate summary of "
                                "what you have heard is one of the most powerful "
                                "alliance builders available.</li><li>Ask what they "
                                "hope will be different, and help translate vague "
                                "hopes into goals you can both "
                                "recognize.</li><li>Explain the frame: frequency, "
                                "confidentiality and its limits, cancellations, how "
                                "you work. A clear frame is reassuring.</li><li>Offer "
                                "something of value in the first meeting: a new way of "
                                "seeing the problem, a small experiment, or simply the "
                                "experience of being understood.</li><li>Ask for "
                                "feedback before the end. Clients rarely volunteer "
                                "dissatisfaction, especially early "
                                "on.</li></ul><p>Early alliance difficulties are "
                                "common with clients who have good reason to distrust "
                                "helpers. For them, a slow, transparent approach and "
                                "explicit permission to disagree may matter more than "
                                "an eloquent formulation. Their trust is usually "
                                "earned through many small moments of reliability "
                                "rather than through a single good session.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Close every early session with a check",
                                "text": (
                                    "<p>Two simple questions work across modalities: "
                                    "<i>How was today for you?</i> and <i>Is there "
                                    "anything I missed or got wrong?</i> Ask them as "
                                    "if you want the answer, and thank the client for "
                                    "any criticism.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Think about how your first sessions usually run."
                                ),
                                "questions": [
                                    (
                                        "What do you do in a first session that most "
                                        "reliably helps clients feel understood?"
                                    ),
                                    (
                                        "Which part of the frame do you tend to "
                                        "explain poorly or leave out?"
                                    ),
                                    (
                                        "Which clients find it hardest to form an "
                                        "early alliance with you, and what might you "
                                        "offer them differently?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Asking about the alliance",
                    "slug": "measuring-the-alliance",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Therapists are not especially good at judging how "
                                "clients experience the alliance. Clients tend to be "
                                "generous, deferential or simply reluctant to "
                                "criticize the person they have come to for help, and "
                                "therapists tend to read the absence of complaint as "
                                "satisfaction. Ratings from clients and therapists "
                                "often diverge, and it is usually the client's view "
                                "that tracks outcome more closely.</p><p>For this "
                                "reason many practitioners use brief alliance "
                                "measures. Some are longer research inventories built "
                                "on Bordin's three strands; others are short session "
                                "rating scales designed to take a minute at the end of "
                                "each meeting. What matters more than the instrument "
                                "is the stance: the measure is an invitation to talk, "
                                "not a score to be managed.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Making measurement useful</h3><ul><li>Introduce "
                                "the scale as a way for the client to steer the work, "
                                "not as paperwork.</li><li>Look at the ratings in the "
                                "session, not afterwards, and comment on them, "
                                "especially when they are perfect.</li><li>Treat a "
                                "small drop as important news. A client who rates a "
                                "session slightly lower than usual is often telling "
                                "you something they could not say aloud.</li><li>If "
                                "you prefer not to use forms, build the same questions "
                                "into your closing minutes and ask them "
                                "consistently.</li><li>If the client fills in the "
                                "scale while you tidy papers and neither of you "
                                "mentions it, the measure is gathering data without "
                                "doing its job.</li></ul><p>Perfect scores from the "
                                "first session onwards deserve curiosity. They may "
                                "reflect a genuinely strong alliance, but they can "
                                "also signal that the client does not yet feel safe "
                                "enough to be critical. Saying that you would welcome "
                                "a lower score when it fits can make later honesty "
                                "easier.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Consider how you currently learn what clients "
                                    "think of the work."
                                ),
                                "questions": [
                                    (
                                        "What are your main sources of information "
                                        "about the alliance, and which of them rely on "
                                        "the client volunteering criticism?"
                                    ),
                                    (
                                        "How would you feel about trying a brief "
                                        "session rating with a few clients for a month?"
                                    ),
                                    (
                                        "What would make it easier for your clients to "
                                        "tell you when something is not working?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "The alliance across modalities and media",
                    "slug": "alliance-across-modalities",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Each tradition talks about the alliance in its own "
                                "vocabulary. Cognitive behavioral therapists speak of "
                                "collaborative empiricism, a partnership in testing "
                                "ideas. Psychodynamic therapists distinguish the "
                                "working alliance from transference and attend to how "
                                "the relationship itself becomes material for the "
                                "work. Humanistic therapists place empathy, congruence "
                                "and unconditional positive regard at the heart of the "
                                "relationship. Systemic therapists think about "
                                "alliances with several people at once, and about how "
                                "the therapy fits into a family's existing "
                                "patterns.</p><p>Underneath the differences, the same "
                                "questions recur. Does the client feel understood and "
                                "respected? Do both people share a sense of direction? "
                                "Do the activities of therapy make sense to the "
                                "client? Translating a colleague's vocabulary into "
                                "these questions often turns a theoretical debate into "
                                "a practical conversation about a particular "
                                "client.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Working online</h3><p>Many therapists now work "
                                "partly or wholly by video. Clients generally seem "
                                "able to form good alliances online, but the cues "
                                "differ. Small signs of withdrawal, a glance away or a "
                                "shift in posture, are easier to miss, and silences "
                                "can feel longer or be mistaken for connection "
                                "problems. Some clients find the distance freeing and "
                                "disclose more readily; others feel less held.</p><p>A "
                                "few adjustments help: say a little more aloud about "
                                "what you notice, check in more often about how the "
                                "session is going, agree in advance what happens if "
                                "the connection fails, and ask about privacy at the "
                                "client's end. Online, the frame has to be built "
                                "rather than borrowed from the room, and building it "
                                "together is itself alliance work.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Compare how the alliance feels in different parts "
                                    "of your practice."
                                ),
                                "questions": [
                                    (
                                        "How does your own tradition describe the "
                                        "alliance, and what does that vocabulary help "
                                        "you notice or overlook?"
                                    ),
                                    (
                                        "If you work online, what have you had to say "
                                        "aloud that the room used to convey?"
                                    ),
                                    (
                                        "Is there a client whose alliance with you "
                                        "might differ in person and by video?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "When there is more than one client",
                    "slug": "alliance-with-several",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>In couple and family work the therapist forms "
                                "alliances with each person and with the system as a "
                                "whole. Each participant watches not only how the "
                                "therapist relates to them, but how the therapist "
                                "relates to everyone else. A comment that feels "
                                "supportive to one partner may feel like taking sides "
                                "to the other. Systemic writers describe a split "
                                "alliance, in which one member feels strongly allied "
                                "and another feels sidelined, as a common reason for "
                                "couples and families to leave therapy "
                                "early.</p><p>There is also a shared sense of purpose "
                                "among the clients themselves: do they agree that "
                                "coming to therapy together is worthwhile, and on what "
                                "they are trying to achieve? Partners often arrive "
                                "with different goals, one hoping to repair the "
                                "relationship and the other quietly hoping for help to "
                                "leave.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/alliance-with-several"
                                ),
                                "caption": (
                                    "Lena Hoffmann on keeping balanced alliances with "
                                    "couples"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Practical options</h3><ul><li>Make balance "
                                "visible. Turn to each person in turn, and summarize "
                                "each perspective before responding to "
                                "either.</li><li>Name the split when you notice it: "
                                "<i>I have the sense that today has felt more useful "
                                "to one of you than the other. Is that "
                                "right?</i></li><li>Consider brief individual sessions "
                                "early on, with a clear agreement about what will and "
                                "will not be kept private.</li><li>Treat secrets and "
                                "hidden agendas as a frame question to discuss openly, "
                                "rather than something to discover "
                                "midway.</li></ul><p>None of this requires perfect "
                                "neutrality, which is rarely possible. It requires "
                                "that each person trusts you to be fair, and to notice "
                                "and say so when you have not been. Saying so openly "
                                "models the kind of honesty you hope the couple can "
                                "offer each other.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "A quieter partner",
                                "text": (
                                    "<p>In work with a couple in their thirties, one "
                                    "partner talks fluently and the other answers "
                                    "briefly. The therapist notices that most of her "
                                    "reflections follow the fluent partner. She opens "
                                    "the next session by inviting the quieter partner "
                                    "to begin, and says why. The quieter partner later "
                                    "describes this as the moment therapy started to "
                                    "feel like it belonged to both of them.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "If you see couples or families, or expect to, "
                                    "consider these."
                                ),
                                "questions": [
                                    (
                                        "Whose perspective do you find it easiest to "
                                        "join, and why?"
                                    ),
                                    (
                                        "How do you handle information that one person "
                                        "shares with you privately?"
                                    ),
                                    (
                                        "What signs tell you that one member of a "
                                        "system feels left out?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Ruptures and repair",
            "slug": "ruptures-and-repair",
            "summary": (
                "How strains in the alliance show up, why they are not failures, and "
                "how to address them through metacommunication so that repair itself "
                "becomes part of the change."
            ),
            "lessons": [
                {
                    "title": "What a rupture is",
                    "slug": "what-is-a-rupture",
                    "minutes": 16,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Jeremy Safran and Christopher Muran describe an "
                                "alliance rupture as a deterioration in the working "
                                "relationship: a tension or breakdown in the "
                                "collaboration between client and therapist. Ruptures "
                                "range from a brief moment of misattunement, barely "
                                "noticed, to a serious impasse that threatens the "
                                "therapy. They can involve the bond, a disagreement "
                                "about goals or tasks, or all three.</p><p>Ruptures "
                                "are ordinary. They happen in good therapies with "
                                "skilled therapists. What seems to matter is not "
                                "whether ruptures occur but whether they are noticed "
                                "and worked with. Research on rupture and repair "
                                "suggests that alliances which dip and recover can be "
                                "associated with good outcomes, sometimes better than "
                                "alliances that never wavered. Most ruptures are small "
                                "and pass without comment; the skill lies in noticing "
                                "which ones deserve attention, and in creating a "
                                "climate in which the client can raise them too.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/what-is-a-rupture"
                                ),
                                "caption": (
                                    "What counts as a rupture? Short clips with "
                                    "commentary"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Why ruptures happen</h3><ul><li>The therapist "
                                "misses something important, or says something that "
                                "lands badly.</li><li>The tasks ask too much too soon, "
                                "or too little to seem worthwhile.</li><li>Goals drift "
                                "apart without anyone saying so.</li><li>The client's "
                                "habitual ways of relating, shaped by earlier "
                                "relationships, are enacted with the therapist, who "
                                "responds in ways that confirm the client's "
                                "expectations.</li></ul><p>The last of these is where "
                                "ruptures become especially meaningful. When a client "
                                "who expects to be dismissed feels dismissed in "
                                "therapy, and the therapist can acknowledge this "
                                "without defensiveness, the client meets a different "
                                "response to a familiar pattern. Safran and Muran see "
                                "this as one of the places where relational change "
                                "happens.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Recall a recent moment of tension with a client."
                                ),
                                "questions": [
                                    (
                                        "What were the first signs, and when did you "
                                        "notice them?"
                                    ),
                                    (
                                        "What did you feel in your body or your "
                                        "thoughts as it happened?"
                                    ),
                                    (
                                        "Was it discussed afterwards, and if not, what "
                                        "made it hard to raise?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Withdrawal ruptures",
                    "slug": "withdrawal-ruptures",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Safran and Muran distinguish two main kinds of "
                                "rupture marker. In a withdrawal rupture the client "
                                "moves away from the therapist, from their own "
                                "experience, or from the work. The client may comply "
                                "with tasks while seeming disengaged, change the "
                                "subject, answer in a flat or intellectual way, give "
                                "minimal responses, or agree too readily. Withdrawal "
                                "often reflects a conflict between the need for "
                                "connection and the fear of what asserting oneself "
                                "might cost.</p><p>Because withdrawal is quiet, it is "
                                "easy to miss. A session can feel smooth, even "
                                "pleasant, while the client is privately deciding that "
                                "this is not helping. Clients who have learned that "
                                "their needs are a burden to others are particularly "
                                "likely to withdraw rather than protest.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Noticing and responding</h3><ul><li>Track shifts "
                                "rather than states. A client who is usually lively "
                                "and becomes deferential is telling you "
                                "something.</li><li>Notice your own pull. Withdrawal "
                                "often invites the therapist to work harder, talk more "
                                "or offer more techniques, which can widen the "
                                "gap.</li><li>Name what you observe tentatively and "
                                "without blame: <i>I notice that since I suggested the "
                                "exercise you have gone a bit quieter. I am wondering "
                                "how that suggestion landed.</i></li><li>Welcome any "
                                "sign of disagreement, however small, and make clear "
                                "that it is useful.</li></ul><p>The aim of repair is "
                                "not to get the client back on task as quickly as "
                                "possible. It is to help the client move from "
                                "withdrawal towards saying what they actually want or "
                                "feel, including negative feelings about the therapy. "
                                "For many clients, doing this safely with the "
                                "therapist is itself a new experience.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Watch for over-agreement",
                                "text": (
                                    "<p>Frequent, quick agreement can be a withdrawal "
                                    "marker. If a client says <i>yes, exactly</i> to "
                                    "everything, try offering a deliberately partial "
                                    "reflection and see whether they correct you. If "
                                    "they do not, it may be worth wondering aloud "
                                    "whether it feels safe to disagree.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Think about clients who tend to go quiet with you."
                                ),
                                "questions": [
                                    (
                                        "What are the subtle signs that a particular "
                                        "client is withdrawing?"
                                    ),
                                    (
                                        "What do you tend to do when you sense "
                                        "withdrawal, and does it help?"
                                    ),
                                    (
                                        "How could you make it easier for that client "
                                        "to express disagreement?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Confrontation ruptures",
                    "slug": "confrontation-ruptures",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>In a confrontation rupture the client moves "
                                "against the therapist. They may complain about the "
                                "therapist's competence, the therapy, the fees or the "
                                "scheduling, reject interventions, express anger, or "
                                "try to control the session. Confrontation is often "
                                "the expression of a need for agency or protection "
                                "that has become entangled with the fear that the need "
                                "will not be met without a fight.</p><p>Confrontation "
                                "ruptures are harder to miss but often harder to stay "
                                "with. Few therapists enjoy being criticized, and the "
                                "most natural responses, explaining, justifying or "
                                "becoming cooler, tend to escalate the rupture or push "
                                "it underground.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/confrontation-ruptures"
                                ),
                                "caption": (
                                    "Staying non-defensive under criticism: a "
                                    "demonstration and debrief"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Staying in contact</h3><ul><li>Slow down. Your "
                                "first task is to steady yourself enough to "
                                "listen.</li><li>Look for the grain of truth in the "
                                "criticism and acknowledge it specifically. Most "
                                "complaints contain something "
                                "accurate.</li><li>Explore the client's experience "
                                "rather than the content of the argument: what it is "
                                "like to feel let down, angry or unheard "
                                "here.</li><li>Acknowledge your own part when it is "
                                "genuine, without excessive apology, which can shift "
                                "the burden back onto the client.</li><li>Hold back "
                                "from interpreting the anger as transference too "
                                "early. The link may be accurate later, but an early "
                                "interpretation can feel like a way of disowning what "
                                "happened.</li></ul><p>A confrontation handled well "
                                "can strengthen an alliance. The client discovers that "
                                "anger does not end the relationship, and that the "
                                "therapist can be affected without retaliating or "
                                "collapsing. It can also help to remember that a "
                                "client who complains is still engaged enough to fight "
                                "for the therapy, which is more than some withdrawn "
                                "clients can manage.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Criticism from clients touches each of us "
                                    "differently."
                                ),
                                "questions": [
                                    (
                                        "Which kinds of criticism are hardest for you "
                                        "to hear, and why?"
                                    ),
                                    (
                                        "What is your typical first response when a "
                                        "client is angry with you?"
                                    ),
                                    (
                                        "Recall a complaint a client made that, on "
                                        "reflection, contained something true. What "
                                        "did you learn?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Metacommunication",
                    "slug": "metacommunication",
                    "minutes": 24,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Metacommunication means stepping back from the "
                                "content of the conversation to talk about what is "
                                "happening between the two of you. It is the central "
                                "tool Safran and Muran offer for working with "
                                "ruptures, and it fits comfortably within any "
                                "orientation. A cognitive therapist can "
                                "metacommunicate about a homework task that keeps not "
                                "happening; a psychodynamic therapist about a pattern "
                                "in the room; a humanistic therapist about a moment of "
                                "felt disconnection.</p><p>Good metacommunication is "
                                "collaborative, tentative and grounded in the here and "
                                "now. It treats the therapist's own experience as one "
                                "source of information, not as an authoritative "
                                "reading of the client.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Principles</h3><ol><li><b>Start from your own "
                                "experience.</b> <i>I find myself feeling a bit "
                                "stuck</i> invites exploration more readily than "
                                "<i>You are resisting.</i></li><li><b>Be concrete and "
                                "immediate.</b> Refer to something that has just "
                                "happened, not to a pattern over "
                                "months.</li><li><b>Stay curious about the client's "
                                "experience.</b> Ask what it was like for them, and "
                                "follow their answer.</li><li><b>Acknowledge your "
                                "contribution.</b> Ruptures are co-created, and saying "
                                "so makes it safer for the client to look at their "
                                "part.</li><li><b>Expect to return to it.</b> One "
                                "exchange rarely resolves a rupture; the aim is an "
                                "ongoing conversation.</li></ol><p>Metacommunication "
                                "can feel exposing for the therapist at first. That "
                                "discomfort is usually a sign that you are doing "
                                "something real. If it feels impossible, it may help "
                                "to rehearse a few phrases that sound like you, so "
                                "that they are available when the moment arrives. Over "
                                "time the phrases become less scripted, and clients "
                                "learn that what happens between you can be talked "
                                "about.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "A missed task, revisited",
                                "text": (
                                    "<p>A client in her forties has not done the "
                                    "agreed between-session task for the third week "
                                    "running. Rather than explain its value again, the "
                                    "therapist says: <i>I notice I keep coming back to "
                                    "this task and you keep politely telling me you "
                                    "did not get to it. I am wondering whether I have "
                                    "been pushing something that does not fit for "
                                    "you.</i> The client admits she found the task "
                                    "embarrassing, and together they design one she is "
                                    "willing to try.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Prepare for the next rupture before it arrives."
                                ),
                                "questions": [
                                    (
                                        "Write two or three metacommunication phrases "
                                        "in your own natural voice. Which feels "
                                        "hardest to say?"
                                    ),
                                    (
                                        "Which of the principles above comes most "
                                        "easily to you, and which is the greatest "
                                        "stretch?"
                                    ),
                                    (
                                        "Is there a current client with whom a "
                                        "metacommunication conversation might be "
                                        "overdue?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Repair as a therapeutic event",
                    "slug": "repair-as-change",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Safran and Muran describe two broad routes to "
                                "repair. Immediate repair addresses the rupture at the "
                                "level of the task or goal: clarifying a "
                                "misunderstanding, changing a task, explaining the "
                                "rationale again. Expanded repair goes further, "
                                "exploring the rupture itself and the relational "
                                "themes behind it. Both are valuable. A simple "
                                "misunderstanding may need nothing more than a quick "
                                "clarification; a recurring pattern of withdrawal or "
                                "confrontation may deserve the slower, deeper "
                                "route.</p><p>When repair goes well, the client has an "
                                "experience that is both familiar and new. The "
                                "familiar part is the rupture, which often echoes "
                                "difficult relationships elsewhere. The new part is "
                                "what happens next: the other person notices, takes "
                                "responsibility for their part, stays interested, and "
                                "the relationship survives. This is one reason "
                                "ruptures, handled with care, can be among the most "
                                "productive moments in a therapy.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>When repair does not come</h3><p>Some ruptures do "
                                "not resolve within a session, or at all. A client may "
                                "leave angry, cancel, or carry on in a guarded way. "
                                "Repair can still happen later: a short message "
                                "acknowledging a difficult session, an opening remark "
                                "the following week, or a willingness to return to the "
                                "topic months on. Persistent ruptures also belong in "
                                "consultation. An outside view often reveals the part "
                                "of the pattern the therapist is caught in.</p><p>Not "
                                "every rupture is repairable, and not every therapy "
                                "should continue. Sometimes repair means helping the "
                                "client reach a good ending or a better-fitting "
                                "referral, which is a subject for the final module.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "title": "Repair is not appeasement",
                                "text": (
                                    "<p>Taking responsibility for your part does not "
                                    "mean accepting every criticism or abandoning the "
                                    "frame. A repair that sacrifices honesty or "
                                    "boundaries to restore harmony tends to store up a "
                                    "larger rupture for later.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Reflect on your own experience of repair.",
                                "questions": [
                                    (
                                        "Think of a rupture that was repaired well. "
                                        "What made the difference?"
                                    ),
                                    (
                                        "When have you chosen immediate repair when "
                                        "expanded repair was needed, or the reverse?"
                                    ),
                                    "Who could you consult when a rupture feels stuck?",
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Case formulation across schools",
            "slug": "case-formulation",
            "summary": (
                "A practical, school-neutral approach to formulation: a shared "
                "template, hypotheses that can be tested, attention to culture and "
                "context, and sharing the picture with the client."
            ),
            "lessons": [
                {
                    "title": "Why formulate?",
                    "slug": "why-formulate",
                    "minutes": 16,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A case formulation is a set of hypotheses about "
                                "what causes and maintains a person's difficulties, "
                                "organized so that it can guide what you do. Every "
                                "school formulates, whether or not it uses the word. A "
                                "cognitive behavioral formulation maps triggers, "
                                "beliefs and maintaining behaviors. A psychodynamic "
                                "formulation describes recurring relational patterns, "
                                "conflicts and defenses. A systemic formulation looks "
                                "at the patterns between people. Each highlights "
                                "different things, but all answer the same basic "
                                "questions: why this person, why this problem, why "
                                "now, and what keeps it going?</p><p>Diagnosis alone "
                                "rarely answers those questions. Two clients with the "
                                "same diagnosis can have very different stories and "
                                "need different responses; two clients with different "
                                "diagnoses may be caught in very similar patterns. A "
                                "formulation fills that gap by telling the story of "
                                "this person's difficulty in a way that suggests where "
                                "change might begin.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": "https://media.example.org/course/why-formulate",
                                "caption": (
                                    "Miriam Okafor: formulation as the backbone of an "
                                    "integrative practice"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>What a good formulation does</h3><ul><li>It links "
                                "the client's history and current life to the problems "
                                "they bring.</li><li>It explains why the problem "
                                "persists, not only how it started.</li><li>It points "
                                "towards interventions and helps you choose among "
                                "them.</li><li>It anticipates what may happen in the "
                                "therapy relationship, including likely "
                                "ruptures.</li><li>It can be revised when new "
                                "information arrives.</li></ul><p>Formulation is also "
                                "an alliance activity. When a client recognizes "
                                "themselves in a formulation, they often feel "
                                "understood in a deeper way than simple empathy "
                                "provides. When they do not recognize themselves, that "
                                "is valuable information for the formulation and for "
                                "the relationship. Either way, the formulation becomes "
                                "something you do together.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Consider how you formulate now.",
                                "questions": [
                                    (
                                        "When you think about a new client, which "
                                        "questions does your mind reach for first?"
                                    ),
                                    (
                                        "Which part of formulation do you tend to "
                                        "leave implicit?"
                                    ),
                                    (
                                        "Think of a client whose formulation changed "
                                        "over time. What made you revise it?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "A shared template",
                    "slug": "shared-template",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Because schools formulate differently, it helps to "
                                "have a neutral scaffold on which any theory can hang "
                                "its specific hypotheses. One widely used structure "
                                "organizes information under a handful of headings, "
                                "often called the five Ps. It is simple enough for a "
                                "busy practice and flexible enough to hold very "
                                "different theoretical "
                                "languages.</p><ul><li><b>Presenting problems.</b> "
                                "What the client is struggling with, described in "
                                "their own words as well as "
                                "yours.</li><li><b>Predisposing factors.</b> Earlier "
                                "experiences, temperament, relationships and "
                                "circumstances that made the person "
                                "vulnerable.</li><li><b>Precipitating factors.</b> "
                                "What happened around the time the problem began or "
                                "worsened.</li><li><b>Perpetuating factors.</b> What "
                                "keeps the problem going now: patterns of thought, "
                                "behavior, relating and avoidance, or "
                                "circumstances.</li><li><b>Protective factors.</b> "
                                "Strengths, relationships, values and resources the "
                                "client brings.</li></ul>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<p>The perpetuating factors deserve the most "
                                "attention, because they are where therapy can act. "
                                "Past events cannot be changed; current patterns can. "
                                "Protective factors deserve more attention than they "
                                "usually get, because they are the resources the work "
                                "will draw on, and because clients who hear only about "
                                "their vulnerabilities can leave a formulation "
                                "conversation feeling worse.</p><p>At the center of "
                                "the template sits your mechanism hypothesis: a brief "
                                "statement, in your theory's language, of how the "
                                "factors connect. A cognitive therapist might describe "
                                "a core belief activated by a loss and maintained by "
                                "avoidance. A psychodynamic therapist might describe a "
                                "wish for closeness, a feared response and a "
                                "protective pattern of self-sufficiency. The template "
                                "does not decide between these. It ensures that "
                                "whichever you choose rests on the same careful "
                                "account of the person.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "Keep it to one page",
                                "text": (
                                    "<p>A formulation that does not fit on one page is "
                                    "usually a history rather than a formulation. Try "
                                    "writing the mechanism hypothesis in three "
                                    "sentences or fewer. If you cannot, you may not "
                                    "yet have found the central pattern.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Try the template on a current client.",
                                "questions": [
                                    (
                                        "Which of the five headings was easiest to "
                                        "complete, and which was hardest?"
                                    ),
                                    (
                                        "What are the two or three most important "
                                        "perpetuating factors?"
                                    ),
                                    (
                                        "Write your mechanism hypothesis in three "
                                        "sentences. How confident are you in it?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Hypotheses, not verdicts",
                    "slug": "hypotheses-not-verdicts",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A formulation is a working hypothesis, not a "
                                "verdict. This sounds obvious, but formulations have a "
                                "way of hardening. Once we have a compelling story "
                                "about a client, we tend to notice what confirms it "
                                "and explain away what does not. The more elegant the "
                                "formulation, the greater the risk.</p><p>Treating a "
                                "formulation as a hypothesis means specifying, at "
                                "least privately, what would suggest it is wrong. If "
                                "your formulation holds that a client's low mood is "
                                "maintained by withdrawal from activities, you would "
                                "expect some improvement as activity increases. If "
                                "none comes, it is the formulation that needs "
                                "revisiting, not the client's motivation. A "
                                "formulation that can survive any outcome explains "
                                "nothing.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Habits that keep formulations "
                                "honest</h3><ul><li>Write down alternative hypotheses, "
                                "at least one from a tradition other than your "
                                "own.</li><li>Note the evidence for and against each, "
                                "including what the client has said that does not "
                                "fit.</li><li>Revisit the formulation at planned "
                                "points, for example after an agreed number of "
                                "sessions or after a significant rupture.</li><li>Ask "
                                "the client whether it rings true, and take "
                                "disagreement seriously.</li><li>Bring formulations to "
                                "peer consultation and invite colleagues to challenge "
                                "them.</li></ul><p>It also helps to keep three kinds "
                                "of statement apart: what the client reported, what "
                                "you observed, and what you inferred. Formulations go "
                                "wrong most often when inferences are recorded as if "
                                "they were observations. The discipline of keeping "
                                "these separate is one of the quiet skills of careful "
                                "clinical thinking, and it makes conversations with "
                                "colleagues from other schools far more productive.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Test one of your formulations.",
                                "questions": [
                                    (
                                        "What would you expect to see if your current "
                                        "formulation of a client were wrong?"
                                    ),
                                    (
                                        "Which alternative hypothesis from another "
                                        "tradition might account for the same facts?"
                                    ),
                                    (
                                        "Is there something the client has told you "
                                        "that does not fit, and that you have been "
                                        "setting aside?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Culture and context",
                    "slug": "culture-and-context",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Every formulation is made by someone, about "
                                "someone, from somewhere. Our theories were developed "
                                "in particular cultural settings and carry assumptions "
                                "about what counts as healthy independence, fitting "
                                "emotional expression, normal family closeness, or a "
                                "reasonable response to injustice. A formulation that "
                                "ignores culture may misread adaptive responses as "
                                "symptoms, or miss the part that discrimination, "
                                "migration, poverty or religious life play in a "
                                "client's distress.</p><p>Cultural humility, rather "
                                "than cultural expertise, is the more realistic aim. "
                                "No therapist can know every culture, and people "
                                "within the same group differ widely. What we can do "
                                "is stay curious, ask, and recognize the limits of our "
                                "own frame.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/culture-and-context"
                                ),
                                "caption": (
                                    "Priya Raman on asking about culture in the first "
                                    "sessions"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Questions that widen the frame</h3><ul><li>How "
                                "does the client understand the problem? What would "
                                "people in their family or community call it, and what "
                                "would they suggest doing?</li><li>What part do "
                                "identity, belonging and social position play in the "
                                "difficulties and in the resources "
                                "available?</li><li>Are there experiences of "
                                "discrimination or exclusion that belong to the "
                                "perpetuating context rather than to the client's "
                                "inner world?</li><li>How might differences or "
                                "similarities between you and the client shape what is "
                                "said and what is left unsaid?</li></ul><p>Bringing "
                                "context into the formulation does not mean replacing "
                                "psychological understanding with sociological "
                                "explanation. It means placing the person's inner "
                                "patterns within the world they actually live in, so "
                                "that interventions fit that world. It also affects "
                                "the alliance: clients notice whether a therapist is "
                                "willing to talk about difference, and draw "
                                "conclusions about how much of themselves they can "
                                "bring.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "title": "Formulate the person, not the group",
                                "text": (
                                    "<p>Cultural knowledge offers useful questions, "
                                    "not answers. Treat what you know about a "
                                    "background as a prompt for curiosity, and let the "
                                    "client tell you how much of it applies to "
                                    "them.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Reflect on the cultural frame of your own "
                                    "training."
                                ),
                                "questions": [
                                    (
                                        "Which assumptions about health and normality "
                                        "did your training carry, and where might they "
                                        "not fit?"
                                    ),
                                    (
                                        "When did you last ask a client how their "
                                        "family or community understands their "
                                        "difficulty?"
                                    ),
                                    (
                                        "How do you usually raise differences between "
                                        "you and a client, and how early?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Sharing the formulation",
                    "slug": "sharing-the-formulation",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A formulation kept only in the therapist's notes "
                                "is a tool for the therapist. A formulation developed "
                                "with the client becomes a tool for both. Many "
                                "traditions now encourage collaborative formulation: "
                                "building the picture together, in language the client "
                                "recognizes, and revising it as the work unfolds. "
                                "Cognitive analytic therapists write reformulation "
                                "letters; cognitive behavioral therapists draw "
                                "maintenance cycles on a whiteboard; psychodynamic "
                                "therapists offer tentative links and watch how they "
                                "are received.</p><p>Sharing a formulation has several "
                                "benefits. It gives the client a coherent rationale, "
                                "which supports hope and the alliance. It helps the "
                                "tasks of therapy make sense. And it invites the "
                                "client to correct the therapist, which improves "
                                "accuracy.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>How to share well</h3><ul><li>Offer it as a "
                                "draft, with phrases like <i>this is my current sense "
                                "of it</i> and <i>tell me what fits and what does "
                                "not</i>.</li><li>Use the client's own words and "
                                "images wherever possible.</li><li>Include strengths "
                                "and understandable reasons for the patterns, so the "
                                "formulation explains rather than "
                                "accuses.</li><li>Match the depth to the moment. An "
                                "early formulation can be simple; a fuller one can "
                                "come later.</li><li>Watch the response closely. "
                                "Relief, recognition, silence and irritation each tell "
                                "you something.</li></ul><p>Timing matters. A "
                                "formulation shared too early can feel presumptuous; "
                                "one shared too late may leave the client wondering "
                                "what the therapist has been thinking all along. Many "
                                "therapists find that a brief, tentative version "
                                "within the first few sessions, and a fuller one once "
                                "trust has grown, strikes a useful balance. Whatever "
                                "the timing, the client's response is part of the "
                                "formulation too.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Consider how much of your formulations your "
                                    "clients see."
                                ),
                                "questions": [
                                    (
                                        "How much of your formulation do your clients "
                                        "usually hear, and when?"
                                    ),
                                    (
                                        "How could you phrase a central pattern so "
                                        "that it explains without blaming?"
                                    ),
                                    (
                                        "Which client might benefit from a written or "
                                        "drawn version of the formulation?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "From formulation to plan",
                    "slug": "formulation-to-plan",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A formulation earns its keep when it helps you "
                                "decide what to do. The bridge from formulation to "
                                "plan runs through a few questions: which perpetuating "
                                "factors are most central, which are most open to "
                                "change, and which interventions, from your own "
                                "tradition or another, are most likely to shift them? "
                                "The answers will differ between clients who share a "
                                "diagnosis.</p><p>A plan also needs to respect the "
                                "client's preferences and capacity. A formulation may "
                                "point to exposure work, but if the client is in the "
                                "middle of a housing crisis, stabilization may need to "
                                "come first. A formulation may suggest working with "
                                "relational patterns in the room, but some clients "
                                "want practical skills before they are willing to look "
                                "at the relationship. Sequencing is itself a clinical "
                                "decision, and one best made with the client rather "
                                "than for them.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Elements of a working plan</h3><ul><li>Shared "
                                "goals, stated in the client's terms, with some sense "
                                "of what progress would look like.</li><li>The main "
                                "strategy and its rationale, linked to the "
                                "formulation.</li><li>Foreseeable obstacles, including "
                                "the ruptures the client's relational patterns make "
                                "likely.</li><li>How and when you will review progress "
                                "together.</li></ul><p>The plan, like the formulation, "
                                "should be revisable. When progress stalls, return to "
                                "the formulation before changing technique. Sometimes "
                                "the technique is wrong; more often, something "
                                "important about the person has not yet been "
                                "understood. A brief review every few sessions, asking "
                                "whether the plan still matches what the client wants "
                                "and what you are learning, keeps the plan alive "
                                "rather than filed away.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "One formulation, two plans",
                                "text": (
                                    "<p>A man in his sixties, recently retired, has "
                                    "become low and irritable. The formulation links "
                                    "the loss of his role to a long-standing belief "
                                    "that his worth depends on being useful, "
                                    "maintained by withdrawal from friends. One plan "
                                    "starts with graded re-engagement in valued "
                                    "activities; another starts by exploring grief for "
                                    "the working life he has left. The therapist "
                                    "describes both and asks which feels more like "
                                    "where he wants to begin.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Connect one formulation to your plan.",
                                "questions": [
                                    (
                                        "For one client, which perpetuating factor is "
                                        "your work currently targeting, and why that "
                                        "one?"
                                    ),
                                    (
                                        "Is there an intervention from outside your "
                                        "tradition that the formulation suggests?"
                                    ),
                                    (
                                        "When did you last review the plan with the "
                                        "client?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "The therapist's own contribution",
            "slug": "therapist-contribution",
            "summary": (
                "What therapists themselves bring to outcomes: their reactions, their "
                "habits of practice, their use of feedback, and the limits that keep "
                "the work sustainable."
            ),
            "lessons": [
                {
                    "title": "Therapist effects",
                    "slug": "therapist-effects",
                    "minutes": 16,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>When researchers look at outcomes across many "
                                "therapists, they consistently find that some "
                                "therapists achieve better results than others, even "
                                "when offering the same treatment to similar clients. "
                                "These therapist effects are not well explained by "
                                "theoretical orientation, profession or, perhaps "
                                "surprisingly, years of experience. Experience seems "
                                "to make therapists more confident, but not "
                                "necessarily more effective.</p><p>What does seem to "
                                "distinguish more effective therapists? The evidence "
                                "points to relational capacities under pressure rather "
                                "than technical knowledge: the ability to form "
                                "alliances with a wider range of clients, to respond "
                                "non-defensively to difficulty, to convey empathy and "
                                "warmth convincingly in challenging moments, and a "
                                "degree of professional self-doubt that keeps them "
                                "curious about their own work.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/therapist-effects"
                                ),
                                "caption": (
                                    "Miriam Okafor on therapist effects and "
                                    "professional self-doubt"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Why this is good news</h3><p>Therapist effects "
                                "can feel threatening. If some of us are more "
                                "effective than others, which group are we in? But the "
                                "finding also points to something encouraging. "
                                "Outcomes depend substantially on things therapists "
                                "can work on: how we handle ruptures, how we respond "
                                "to challenging clients, whether we seek and use "
                                "feedback, and how we look after our own "
                                "capacity.</p><p>This module looks at those things. "
                                "Its stance is the same as the rest of the course: not "
                                "to tell you what kind of therapist to be, but to "
                                "offer ways of seeing your own contribution more "
                                "clearly so that you can choose where to grow. Healthy "
                                "self-doubt, paired with self-compassion, seems a "
                                "better companion for this than either certainty or "
                                "harsh self-criticism. The lessons that follow offer "
                                "several such ways; take what is useful to you.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Take an honest look at your own practice.",
                                "questions": [
                                    (
                                        "With which clients do you tend to get the "
                                        "best results, and with which the weakest?"
                                    ),
                                    (
                                        "Where does professional self-doubt help you, "
                                        "and where does it tip into unhelpful "
                                        "self-criticism?"
                                    ),
                                    (
                                        "Which relational capacity would you most like "
                                        "to strengthen over the next year?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Reactions and countertransference",
                    "slug": "countertransference",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>The concept of countertransference has evolved. In "
                                "its narrower, classical sense it referred to the "
                                "therapist's unresolved conflicts intruding into the "
                                "work. In the broader, totalistic sense it includes "
                                "all of the therapist's reactions to the client, many "
                                "of which carry information about the client's "
                                "relational world. Most contemporary practitioners, "
                                "whatever their tradition, use some version of the "
                                "broader view: therapist reactions are inevitable, "
                                "potentially informative and potentially harmful, "
                                "depending on what we do with them.</p><p>Cognitive "
                                "behavioral writers speak of therapist schemas and "
                                "therapy-interfering beliefs; humanistic writers speak "
                                "of congruence and awareness of one's own experience. "
                                "The vocabulary differs, but the practice is shared: "
                                "notice your reactions, reflect on where they come "
                                "from, and decide deliberately what to do with "
                                "them.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Managing "
                                "reactions</h3><ul><li><b>Self-awareness.</b> Notice "
                                "bodily and emotional responses during and after "
                                "sessions: boredom, irritation, protectiveness, "
                                "attraction, dread.</li><li><b>Sorting.</b> Ask how "
                                "much of the reaction belongs to your own history and "
                                "current life, and how much may be evoked by the "
                                "client's way of relating.</li><li><b>Containment.</b> "
                                "Avoid acting on strong reactions impulsively, for "
                                "example by rescuing, withdrawing or "
                                "over-disclosing.</li><li><b>Use.</b> When it fits, "
                                "let the reaction inform your formulation or a "
                                "carefully chosen "
                                "metacommunication.</li><li><b>Support.</b> Bring "
                                "persistent or intense reactions to consultation or to "
                                "your own therapy.</li></ul><p>Reactions that repeat "
                                "across many clients usually tell you more about "
                                "yourself; reactions that are unusual for you and "
                                "specific to one client may tell you more about the "
                                "client. Both are worth knowing, and a consultation "
                                "group or your own therapy is often where the sorting "
                                "becomes clearer.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "A two-minute note after sessions",
                                "text": (
                                    "<p>After a session that stays with you, jot down "
                                    "three lines: what you felt, when you first felt "
                                    "it, and what it might be telling you about the "
                                    "client, about you, or about the pattern between "
                                    "you. Over time these notes reveal themes that are "
                                    "invisible session by session.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Spend a few minutes with your recent reactions."
                                ),
                                "questions": [
                                    (
                                        "Which client has evoked the strongest "
                                        "reaction in you recently, and what was it?"
                                    ),
                                    (
                                        "How much of that reaction feels familiar from "
                                        "your own life?"
                                    ),
                                    (
                                        "Is there a reaction you have been acting on "
                                        "rather than reflecting on?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Deliberate practice",
                    "slug": "deliberate-practice",
                    "minutes": 22,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>In many fields, expertise grows through deliberate "
                                "practice: repeated, focused effort on specific skills "
                                "just beyond current ability, with expert feedback and "
                                "chances to refine. Applying this idea to "
                                "psychotherapy is newer, but the logic is persuasive. "
                                "Therapists usually try to improve through experience "
                                "alone, and experience without feedback can simply "
                                "reinforce existing habits.</p><p>Deliberate practice "
                                "in psychotherapy typically starts by identifying a "
                                "specific skill that matters for your clients, such as "
                                "responding to criticism, staying with strong emotion, "
                                "or offering a concise formulation. You then rehearse "
                                "responses to short, realistic prompts, often "
                                "role-played or recorded, receive feedback from a "
                                "coach or peer, and repeat with gradually increasing "
                                "difficulty.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/deliberate-practice"
                                ),
                                "caption": (
                                    "A live deliberate practice round with commentary"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Getting started</h3><ol><li>Review a few of your "
                                "own session recordings, or your outcome and alliance "
                                "data, and identify where you seem to "
                                "struggle.</li><li>Choose one narrow skill. <i>Being "
                                "more empathic</i> is too broad; <i>reflecting feeling "
                                "when a client criticizes me</i> is "
                                "workable.</li><li>Find or write brief prompts that "
                                "evoke the difficulty, ideally with some emotional "
                                "charge.</li><li>Rehearse aloud, not just in your "
                                "head, and record yourself if you can.</li><li>Ask for "
                                "feedback from someone who knows the skill well, and "
                                "repeat until the response feels "
                                "natural.</li></ol><p>Deliberate practice is effortful "
                                "and often uncomfortable. That discomfort is a feature "
                                "rather than a flaw: practice that feels easy is "
                                "usually rehearsing what you can already do. Short, "
                                "regular sessions tend to be more sustainable than "
                                "occasional long ones. A small peer group works well: "
                                "one person reads a charged client statement, another "
                                "responds, a third offers one piece of feedback, and "
                                "everyone rotates.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Design a small practice plan.",
                                "questions": [
                                    (
                                        "What one skill, if improved, would make the "
                                        "biggest difference to your current clients?"
                                    ),
                                    (
                                        "What would a realistic prompt for practicing "
                                        "it sound like?"
                                    ),
                                    (
                                        "Who could practice with you, and how often "
                                        "could you meet?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Feedback-informed treatment",
                    "slug": "feedback-informed-treatment",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Routine outcome monitoring means asking clients to "
                                "complete brief measures of wellbeing, symptoms or "
                                "functioning at regular intervals, often every "
                                "session, and using the results to guide the work. "
                                "Michael Lambert and colleagues showed that therapists "
                                "are not good at predicting which clients are likely "
                                "to deteriorate, and that feedback, especially alerts "
                                "about clients who are not on track, can help "
                                "therapists change course in "
                                "time.</p><p>Feedback-informed treatment combines "
                                "outcome measures with alliance measures, so that the "
                                "therapist knows both whether the client is improving "
                                "and how they are experiencing the relationship. It is "
                                "not a separate therapy but a layer that can sit on "
                                "top of any approach.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/feedback-informed-treatment"
                                ),
                                "caption": (
                                    "Reading an outcome chart together with a client"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Using feedback well</h3><ul><li>Explain the "
                                "purpose in terms of the client's interests: the "
                                "measures help you both notice early if therapy is not "
                                "helping, so that you can change "
                                "something.</li><li>Review the scores together, in the "
                                "session, and ask what lies behind any "
                                "change.</li><li>Pay particular attention to clients "
                                "who are not improving after several sessions. This is "
                                "the moment to revisit the formulation, the alliance "
                                "and the plan, and possibly to consult or "
                                "refer.</li><li>Over time, use your aggregated data to "
                                "learn about your own practice: which clients you help "
                                "most, and where you might develop.</li></ul><p>Some "
                                "therapists worry that measures will reduce therapy to "
                                "numbers. Many practitioners find the opposite: used "
                                "conversationally, measures make room for the client's "
                                "voice and open discussions that would otherwise not "
                                "happen. The client remains the expert on their own "
                                "experience; the measure is simply a structured way of "
                                "asking.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Consider the role of feedback in your practice."
                                ),
                                "questions": [
                                    (
                                        "How do you currently know whether a client is "
                                        "improving?"
                                    ),
                                    (
                                        "Which of your clients might be off track "
                                        "without your having noticed?"
                                    ),
                                    (
                                        "What would you need in place to try routine "
                                        "outcome monitoring for the next three months?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Limits and self-care",
                    "slug": "limits-and-self-care",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Therapy is demanding work. Therapists carry other "
                                "people's distress, often in isolation, and many of us "
                                "were drawn to the profession partly because we find "
                                "it hard to stop caring for others. Burnout, "
                                "compassion fatigue and vicarious trauma are "
                                "occupational risks, not signs of personal weakness. "
                                "They also affect clients: exhausted therapists are "
                                "less attuned, less flexible and more likely to miss "
                                "ruptures.</p><p>Looking after your capacity is "
                                "therefore part of professional responsibility, not a "
                                "luxury. It includes the ordinary foundations of rest, "
                                "relationships and a life outside work, and also the "
                                "professional structures that keep practice "
                                "sustainable. It also includes honest attention to how "
                                "the work is affecting you, rather than waiting until "
                                "exhaustion makes the decision for you.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Professional limits</h3><ul><li><b>Caseload.</b> "
                                "Know how many clients, and what mix of complexity, "
                                "you can see while remaining "
                                "present.</li><li><b>Competence.</b> Recognize when a "
                                "client's needs lie outside your training and "
                                "experience, and seek consultation or "
                                "refer.</li><li><b>Availability.</b> Set clear limits "
                                "on contact between sessions, communicate them, and "
                                "arrange cover for "
                                "absences.</li><li><b>Consultation.</b> Keep regular "
                                "peer consultation or supervision, not only when there "
                                "is a crisis.</li><li><b>Your own therapy.</b> Many "
                                "therapists find that their own therapy, at various "
                                "points in a career, supports both wellbeing and "
                                "skill.</li></ul><p>Self-care is sometimes discussed "
                                "as a purely individual matter. It is also collective. "
                                "Communities of practice, like this one, can make it "
                                "normal to talk about the strains of the work and "
                                "offer support that isolated practitioners lack. "
                                "Noticing when a colleague is struggling, and being "
                                "willing to say so kindly, is part of looking after "
                                "the profession.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "title": "Early warning signs",
                                "text": (
                                    "<p>Dreading particular sessions, feeling cynical "
                                    "about clients, finding it hard to stop thinking "
                                    "about work, or noticing more irritability at home "
                                    "can all be early signs of depletion. Taking them "
                                    "seriously early is easier than recovering from "
                                    "burnout later.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Take stock of your own sustainability.",
                                "questions": [
                                    (
                                        "What are your personal early warning signs of "
                                        "depletion?"
                                    ),
                                    (
                                        "Is your current caseload sustainable for the "
                                        "next six months?"
                                    ),
                                    (
                                        "What support do you have in place, and what "
                                        "is missing?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Endings, outcomes and ethics",
            "slug": "endings-outcomes-ethics",
            "summary": (
                "Knowing whether therapy is helping, ending well whether planned or "
                "not, making good referrals, and reasoning through boundaries and "
                "ethical dilemmas."
            ),
            "lessons": [
                {
                    "title": "What counts as a good outcome?",
                    "slug": "what-counts-as-outcome",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Outcome is not a single thing. A client may report "
                                "fewer symptoms but feel no closer to the life they "
                                "want. Another may have similar symptom scores but be "
                                "living very differently, with better relationships "
                                "and a new sense of agency. Traditions emphasize "
                                "different outcomes: symptom relief, functioning, "
                                "insight, structural change in personality, relational "
                                "capacity, meaning. Clients have their own views, "
                                "which may differ from ours.</p><p>A balanced view of "
                                "outcome draws on several perspectives: the client's "
                                "own goals, standardized measures of distress and "
                                "functioning, the therapist's observations, and "
                                "sometimes the views of others in the client's life. "
                                "Where these perspectives disagree, the disagreement "
                                "is itself worth exploring. A client whose scores have "
                                "improved but who says nothing feels different may be "
                                "telling you that the goals have shifted, or that "
                                "something important has not yet been addressed.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/what-counts-as-outcome"
                                ),
                                "caption": (
                                    "Talking with clients about what change would mean "
                                    "to them"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Change that matters</h3><p>Outcome researchers, "
                                "building on work by Neil Jacobson and colleagues, "
                                "distinguish change that is reliable, meaning larger "
                                "than the noise in the measure, from change that is "
                                "clinically significant, meaning the person has moved "
                                "into the range of people who are not seeking help. "
                                "These ideas are useful reminders that small "
                                "fluctuations in scores are not necessarily "
                                "meaningful. Equally, they do not capture everything a "
                                "client might value.</p><p>It is also important to "
                                "look for deterioration. Some clients get worse during "
                                "therapy, and therapists tend to underestimate how "
                                "often this happens. Looking for deterioration is not "
                                "pessimism; it is the condition for responding to it. "
                                "A good outcome conversation includes the question: is "
                                "anything worse since we started?</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Think about outcomes in your own practice.",
                                "questions": [
                                    (
                                        "How do you and your clients define a good "
                                        "outcome?"
                                    ),
                                    (
                                        "Which kinds of change does your tradition "
                                        "notice easily, and which might it overlook?"
                                    ),
                                    (
                                        "When did you last ask a client whether "
                                        "anything has got worse?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Planned endings",
                    "slug": "planned-endings",
                    "minutes": 20,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A planned ending is a phase of therapy, not just "
                                "its final session. For many clients, especially those "
                                "with histories of abrupt or painful separations, the "
                                "way therapy ends is meaningful in itself. An ending "
                                "that is discussed, anticipated and worked through can "
                                "consolidate gains and offer a different experience of "
                                "saying goodbye.</p><p>Traditions approach endings "
                                "differently. Time-limited therapies build the ending "
                                "in from the start. Open-ended therapies decide on an "
                                "ending together when goals are largely met, when "
                                "progress has levelled off, or when life circumstances "
                                "change. Either way, the ending deserves time in "
                                "proportion to the length and intensity of the "
                                "work.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Tasks of the ending phase</h3><ul><li>Review the "
                                "journey together: what has changed, what has helped, "
                                "and what remains.</li><li>Anticipate future "
                                "difficulties and plan how the client might respond, "
                                "including early warning signs and strategies that "
                                "have worked.</li><li>Acknowledge feelings about "
                                "ending, which may include sadness, anxiety, relief, "
                                "anger or gratitude, in both client and "
                                "therapist.</li><li>Clarify what happens next: whether "
                                "follow-up sessions are available, how to return if "
                                "needed, and what other support "
                                "exists.</li></ul><p>Some therapists taper sessions "
                                "towards the end, spacing them more widely so the "
                                "client can test their independence. Others prefer to "
                                "keep the frame constant until the last session. Both "
                                "have a rationale, and the choice can be made with the "
                                "client. What matters most is that the ending is "
                                "shared, not imposed. Therapists have feelings about "
                                "endings too, and noticing them helps keep an ending "
                                "from being rushed, avoided or quietly postponed.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "tip",
                                "title": "A closing letter",
                                "text": (
                                    "<p>Some therapists write a brief ending letter "
                                    "summarizing the work, the client's strengths and "
                                    "the strategies that helped. Clients often keep "
                                    "these and return to them. If you do this, write "
                                    "in plain language and focus on the client's own "
                                    "achievements.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Think about how your therapies usually end.",
                                "questions": [
                                    (
                                        "How do you usually raise the question of "
                                        "ending, and who tends to raise it first?"
                                    ),
                                    (
                                        "What feelings do endings evoke in you, and "
                                        "how might they shape the way you handle them?"
                                    ),
                                    (
                                        "What would a good ending look like for one of "
                                        "your current clients?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Unplanned endings",
                    "slug": "unplanned-endings",
                    "minutes": 18,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Not every therapy ends as planned. Clients stop "
                                "attending, cancel and do not rebook, or announce in a "
                                "session that it will be their last. Dropout occurs in "
                                "every approach and is often most likely early in "
                                "treatment. Unplanned endings are not always failures: "
                                "some clients get what they need quickly and leave "
                                "without ceremony. But many follow ruptures that were "
                                "not noticed or addressed, mismatched expectations, or "
                                "practical barriers.</p><p>The alliance and feedback "
                                "practices covered earlier are the best prevention. "
                                "Clients are more likely to raise dissatisfaction "
                                "before leaving if they have been invited to do so "
                                "throughout. It also helps to say at the outset that "
                                "clients may want to stop at some point, and that you "
                                "would welcome hearing about it directly, even by "
                                "message, rather than finding out through silence.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/unplanned-endings"
                                ),
                                "caption": (
                                    "When a client does not come back: options and "
                                    "reflections"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>Responding when a client leaves</h3><ul><li>If a "
                                "client signals an intention to stop, explore it with "
                                "curiosity rather than persuasion. Ask what has led to "
                                "the decision and whether anything could be "
                                "different.</li><li>Respect the client's autonomy. The "
                                "aim is a good ending, not retention.</li><li>If a "
                                "client simply stops coming, a brief, warm message "
                                "acknowledging the work and leaving the door open is "
                                "usually appropriate. Follow your professional "
                                "guidance on contact.</li><li>Consider whether any "
                                "safety concerns call for a different "
                                "response.</li><li>Reflect afterwards, ideally in "
                                "consultation, on what might have contributed, without "
                                "either self-blame or dismissal.</li></ul><p>Unplanned "
                                "endings can evoke strong reactions in therapists, "
                                "including hurt, relief, guilt or worry. Noticing "
                                "these reactions, and not letting them drive the "
                                "response, is part of handling the ending well.</p>"
                            ),
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Reflect on clients who left unexpectedly.",
                                "questions": [
                                    (
                                        "Think of a client who left without a planned "
                                        "ending. With hindsight, what might have been "
                                        "happening?"
                                    ),
                                    (
                                        "How do you currently respond when a client "
                                        "stops attending?"
                                    ),
                                    (
                                        "What could you do earlier in therapy to make "
                                        "it easier for clients to tell you they are "
                                        "thinking of stopping?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Referrals and knowing your limits",
                    "slug": "referrals",
                    "minutes": 16,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>A good referral is an act of care, not an "
                                "admission of failure. Referral may be indicated when "
                                "a client's needs fall outside your competence, when "
                                "progress has stalled despite genuine efforts, when "
                                "the fit between you is poor, when a different "
                                "modality or level of care is needed, or when your own "
                                "circumstances make it impossible to offer what the "
                                "client needs.</p><p>The decision to refer is often "
                                "harder than it should be. Therapists may feel they "
                                "are abandoning the client, or worry about what the "
                                "referral says about their skill. Clients may "
                                "experience a referral as rejection if it is handled "
                                "abruptly. Framing the question around fit and need, "
                                "rather than around what has gone wrong, usually makes "
                                "it easier for both people. It is worth remembering "
                                "that delaying a needed referral is rarely kind, "
                                "however well meant.</p>"
                            ),
                        ),
                        (
                            "text",
                            (
                                "<h3>Making referrals well</h3><ul><li>Raise the "
                                "possibility openly and early, explaining your "
                                "reasoning in terms of the client's "
                                "interests.</li><li>Involve the client in the choice, "
                                "offering options where possible.</li><li>Provide "
                                "concrete information and, with consent, a useful "
                                "handover to the new professional.</li><li>Allow time "
                                "for an ending with you, even a brief one, rather than "
                                "an abrupt transfer.</li><li>Know your local resources "
                                "in advance: specialist services, crisis services, and "
                                "colleagues with particular "
                                "expertise.</li></ul><p>Sometimes referral adds "
                                "support rather than replacing you: a psychiatric "
                                "assessment, a specialist group, couple work alongside "
                                "individual therapy. Coordinating with other "
                                "professionals, with consent, is part of the work, and "
                                "clear communication keeps clients from being caught "
                                "between conflicting messages.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "example",
                                "title": "A referral that kept the alliance",
                                "text": (
                                    "<p>A therapist seeing a young man for anxiety "
                                    "realizes that a pattern of disordered eating has "
                                    "become the main concern, an area in which she has "
                                    "little training. She raises it gently, explains "
                                    "why a specialist service might help more, and "
                                    "offers two sessions to plan the transition. The "
                                    "client later writes that the handover felt like "
                                    "being passed on with care rather than passed "
                                    "along.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": "Consider your referral practice.",
                                "questions": [
                                    (
                                        "Which presentations or situations lie outside "
                                        "your competence, and do you have referral "
                                        "options ready?"
                                    ),
                                    (
                                        "Is there a current client you might be "
                                        "keeping out of reluctance to refer?"
                                    ),
                                    (
                                        "How could you explain a referral so that it "
                                        "feels like care rather than rejection?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
                {
                    "title": "Boundaries and ethical reasoning",
                    "slug": "boundaries-and-ethics",
                    "minutes": 24,
                    "blocks": [
                        (
                            "text",
                            (
                                "<p>Boundaries define the therapeutic frame: time, "
                                "place, fees, contact, touch, self-disclosure, gifts "
                                "and dual relationships. A useful distinction is "
                                "between boundary crossings and boundary violations. A "
                                "crossing is a departure from the usual frame that may "
                                "be harmless or even helpful, such as accepting a "
                                "small gift or attending a client's graduation. A "
                                "violation is a departure that exploits or harms the "
                                "client. Crossings are not necessarily unethical, but "
                                "a pattern of them can drift towards "
                                "violations.</p><p>Some contexts make boundaries more "
                                "complex: small communities, rural practice, shared "
                                "cultural or religious groups, and visibility online. "
                                "In these settings, avoiding every dual relationship "
                                "may be impossible. The task is to think carefully, "
                                "discuss openly, and document your reasoning. "
                                "Transparency with the client is often the best "
                                "protection.</p>"
                            ),
                        ),
                        (
                            "video",
                            {
                                "url": (
                                    "https://media.example.org/course/boundaries-and-ethics"
                                ),
                                "caption": (
                                    "Ana Ribeiro on boundaries in small communities "
                                    "and online"
                                ),
                            },
                        ),
                        (
                            "text",
                            (
                                "<h3>A process for ethical "
                                "reasoning</h3><ol><li>Identify the dilemma and the "
                                "people affected.</li><li>Consult the relevant ethical "
                                "codes and legal requirements where you "
                                "practice.</li><li>Consider the client's welfare and "
                                "autonomy, and the potential for harm or "
                                "exploitation.</li><li>Reflect on your own motives and "
                                "reactions. A strong wish to make an exception "
                                "deserves extra scrutiny.</li><li>Consult a trusted "
                                "colleague, and consider how the decision would look "
                                "if described openly.</li><li>Decide, act, document "
                                "and review.</li></ol><p>Ethical practice is not only "
                                "about avoiding harm. It includes respect for "
                                "autonomy, fairness, honesty and care, values that run "
                                "through every lesson in this course. The common "
                                "infrastructure of psychotherapy is, in the end, an "
                                "ethical one: a relationship in which one person "
                                "agrees to put another's welfare at the center, within "
                                "a frame that makes that possible.</p>"
                            ),
                        ),
                        (
                            "callout",
                            {
                                "kind": "caution",
                                "title": "The slippery slope",
                                "text": (
                                    "<p>Serious boundary violations rarely begin with "
                                    "a dramatic decision. They usually start with "
                                    "small exceptions, such as extending sessions, "
                                    "increasing personal disclosure or unusual "
                                    "contact, each of which seemed reasonable at the "
                                    "time. If you notice yourself making exceptions "
                                    "for one particular client, bring it to "
                                    "consultation.</p>"
                                ),
                            },
                        ),
                        (
                            "reflection",
                            {
                                "intro": (
                                    "Reflect on the boundaries of your own practice."
                                ),
                                "questions": [
                                    (
                                        "Which boundaries do you hold most firmly, and "
                                        "which are you most flexible with?"
                                    ),
                                    (
                                        "Is there a client with whom you have been "
                                        "making exceptions?"
                                    ),
                                    (
                                        "Who do you turn to when an ethical question "
                                        "arises, and would you turn to them early "
                                        "enough?"
                                    ),
                                ],
                            },
                        ),
                    ],
                },
            ],
        },
    ],
}

VIDEOS = [
    {
        "title": "Group coaching: the first ten minutes of a first session",
        "slug": "group-coaching-first-ten-minutes",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 68,
        "recorded_on": "2025-10-08",
        "tags": [
            "session recording",
            "alliance",
        ],
        "description": (
            "<p>A recording of a live group coaching session in which members brought "
            "the openings of their first sessions. Miriam Okafor and the group look at "
            "how the first few minutes shape the early alliance, and at small changes "
            "to the greeting, the framing and the first question.</p><p>Contributions "
            "from members have been anonymized, and all clinical examples are "
            "composites.</p>"
        ),
        "video_url": (
            "https://media.example.org/library/group-coaching-first-ten-minutes"
        ),
    },
    {
        "title": "Three questions for the end of every session",
        "slug": "three-closing-questions",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 9,
        "recorded_on": "2025-09-17",
        "tags": [
            "alliance",
            "assessment",
        ],
        "description": (
            "<p>A short, practical talk on closing a session with brief questions "
            "about what was useful, what was missed and what the client is taking "
            "away. Miriam Okafor explains how to ask them so that honest answers "
            "become more likely.</p>"
        ),
        "video_url": "https://media.example.org/library/three-closing-questions",
    },
    {
        "title": "Naming the rupture: a short demonstration",
        "slug": "naming-the-rupture",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 12,
        "recorded_on": "2025-11-19",
        "tags": [
            "ruptures",
            "alliance",
        ],
        "description": (
            "<p>A role-played demonstration of a withdrawal rupture and a first "
            "attempt at repair, followed by a brief commentary on timing, tone and the "
            "therapist's own part in the moment.</p>"
        ),
        "video_url": "https://media.example.org/library/naming-the-rupture",
    },
    {
        "title": "A formulation on one page",
        "slug": "formulation-on-one-page",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 24,
        "recorded_on": "2025-12-03",
        "tags": [
            "case formulation",
            "assessment",
        ],
        "description": (
            "<p>Miriam Okafor walks through a school-neutral formulation template with "
            "a composite case, from presenting problems to a three-sentence mechanism "
            "hypothesis, and shows how the same facts can be read from cognitive, "
            "psychodynamic and systemic angles.</p>"
        ),
        "video_url": "https://media.example.org/library/formulation-on-one-page",
    },
    {
        "title": "Two clients in the room: balancing alliances with couples",
        "slug": "balancing-alliances-with-couples",
        "speaker": "Dr. Lena Hoffmann, couples therapist",
        "minutes": 38,
        "recorded_on": "2026-01-21",
        "tags": [
            "couples",
            "alliance",
        ],
        "description": (
            "<p>Lena Hoffmann discusses split alliances in couple therapy, the "
            "question of secrets, and practical ways to help each partner feel that "
            "the therapy belongs to them.</p><p>Includes a short role-play and "
            "questions from members.</p>"
        ),
        "video_url": (
            "https://media.example.org/library/balancing-alliances-with-couples"
        ),
    },
    {
        "title": "Group coaching: when a client goes quiet",
        "slug": "group-coaching-when-a-client-goes-quiet",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 72,
        "recorded_on": "2026-02-11",
        "tags": [
            "session recording",
            "ruptures",
        ],
        "description": (
            "<p>In this group coaching session, members discuss clients who withdraw: "
            "short answers, polite agreement, tasks that never quite happen. Miriam "
            "Okafor guides a live exploration of withdrawal ruptures, and members "
            "practice metacommunication phrases in pairs.</p><p>Identifying details "
            "have been removed, and cases are described only in composite form.</p>"
        ),
        "video_url": (
            "https://media.example.org/library/group-coaching-when-a-client-goes-quiet"
        ),
    },
    {
        "title": "Pacing and safety: trauma-informed work in any modality",
        "slug": "trauma-informed-pacing",
        "speaker": "Dr. Samuel Adeyemi, clinical psychologist and trauma specialist",
        "minutes": 52,
        "recorded_on": "2026-03-18",
        "tags": [
            "trauma",
            "alliance",
        ],
        "description": (
            "<p>Samuel Adeyemi explores how to pace work with clients who have lived "
            "through trauma, whatever your orientation: building stability, reading "
            "signs of overwhelm, and making collaboration explicit so that the client "
            "stays in charge of the pace.</p><p>The talk is followed by an extended "
            "question and answer segment.</p>"
        ),
        "video_url": "https://media.example.org/library/trauma-informed-pacing",
    },
    {
        "title": "Endings that hold: planning the last sessions",
        "slug": "endings-that-hold",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 27,
        "recorded_on": "2026-04-22",
        "tags": [
            "endings",
        ],
        "description": (
            "<p>A talk on the ending phase of therapy: reviewing the work, "
            "anticipating setbacks, acknowledging feelings on both sides, and deciding "
            "together whether to space out the final sessions.</p>"
        ),
        "video_url": "https://media.example.org/library/endings-that-hold",
    },
    {
        "title": "Ethics of the ordinary: boundaries in small communities",
        "slug": "boundaries-in-small-communities",
        "speaker": "Prof. Ana Ribeiro, clinical ethicist and psychotherapist",
        "minutes": 55,
        "recorded_on": "2026-05-27",
        "tags": [
            "ethics",
        ],
        "description": (
            "<p>Ana Ribeiro considers the boundary questions that arise when "
            "therapists and clients share a town, a faith community or an online "
            "space, and offers a step-by-step way of reasoning through them.</p><p>In "
            "the second half, members bring composite dilemmas for discussion.</p>"
        ),
        "video_url": (
            "https://media.example.org/library/boundaries-in-small-communities"
        ),
    },
    {
        "title": "Learning from your own recordings",
        "slug": "learning-from-your-recordings",
        "speaker": "Dr. Jonas Lindqvist, psychotherapy researcher and supervisor",
        "minutes": 33,
        "recorded_on": "2026-06-24",
        "tags": [
            "supervision skills",
        ],
        "description": (
            "<p>Jonas Lindqvist shows how to review your own session recordings with a "
            "focused question rather than a general impression, how to pick moments "
            "for deliberate practice, and how to give and receive useful feedback in a "
            "peer group.</p>"
        ),
        "video_url": "https://media.example.org/library/learning-from-your-recordings",
    },
    {
        "title": "Assessing risk without losing the relationship",
        "slug": "assessing-risk-and-the-relationship",
        "speaker": "Dr. Miriam Okafor",
        "minutes": 41,
        "recorded_on": "2026-09-09",
        "tags": [
            "assessment",
            "ethics",
            "alliance",
        ],
        "description": (
            "<p>Miriam Okafor discusses how to ask about risk directly and "
            "compassionately, how to make risk assessment part of the alliance rather "
            "than an interruption of it, and when and how to involve others.</p>"
        ),
        "video_url": (
            "https://media.example.org/library/assessing-risk-and-the-relationship"
        ),
    },
    {
        "title": "Asking about culture in the first sessions",
        "slug": "asking-about-culture",
        "speaker": "Dr. Priya Raman, cross-cultural psychotherapist",
        "minutes": 13,
        "recorded_on": "2026-10-14",
        "tags": [
            "case formulation",
            "assessment",
        ],
        "description": (
            "<p>A brief talk by Priya Raman on opening conversations about culture, "
            "identity and difference early in therapy, and on bringing what you learn "
            "into the formulation.</p>"
        ),
        "video_url": "https://media.example.org/library/asking-about-culture",
    },
]
