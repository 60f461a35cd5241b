//! Word lists for finding speakers: speech cues, titles, role nouns, first names by gender.
//! Kept apart so the rules in `speakers` read as rules. `contains` looks words up in one hash
//! map built once for all the lists, as the speaker finder asks thousands of times per article.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::FastHash;

/// The lists below, each known by its bit in `WORDS`.
static LISTS: [&[&str]; 10] = [
    CUE_VERBS,
    TITLES,
    KEPT_TITLES,
    PERSON_TITLES,
    NOT_NAMES,
    ORG_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    FEMALE,
    MALE,
];

/// Every word of the lists, with one bit for each list it is in: one lookup answers
/// `contains` for any of them.
static WORDS: LazyLock<HashMap<&'static str, u16, FastHash>> = LazyLock::new(|| {
    let mut words: HashMap<&'static str, u16, FastHash> = HashMap::default();
    for (bit, list) in LISTS.iter().enumerate() {
        for &w in *list {
            *words.entry(w).or_default() |= 1 << bit;
        }
    }
    words
});

/// Is `word` in `list`? One hash lookup for the lists above, a scan for any other.
pub fn contains(list: &[&str], word: &str) -> bool {
    let same = |l: &&[&str]| std::ptr::eq(l.as_ptr(), list.as_ptr()) && l.len() == list.len();
    match LISTS.iter().position(same) {
        Some(bit) => WORDS.get(word).is_some_and(|bits| bits & (1 << bit) != 0),
        None => list.contains(&word),
    }
}

/// Verbs (all forms) that tie words to a speaker.
#[rustfmt::skip]
pub static CUE_VERBS: &[&str] = &[
    "say", "says", "said", "saying", "spoke", "speaks", "tell", "tells", "told", "telling", "add", "adds", "added",
    "adding", "warn", "warns", "warned", "warning", "insist", "insists", "insisted", "insisting",
    "claim", "claims", "claimed", "claiming", "argue", "argues", "argued", "arguing", "explain",
    "explains", "explained", "explaining", "write", "writes", "wrote", "writing", "written",
    "state", "states", "stated", "stating", "ask", "asks", "asked", "asking", "reply", "replies",
    "replied", "replying", "admit", "admits", "admitted", "admitting", "announce", "announces",
    "announced", "announcing", "declare", "declares", "declared", "declaring", "note", "notes",
    "noted", "noting", "remark", "remarked", "observe", "observed", "comment", "commented",
    "suggest", "suggests", "suggested", "suggesting", "agree", "agreed", "acknowledge",
    "acknowledged", "concede", "conceded", "confirm", "confirmed", "confirming", "deny", "denied",
    "denies", "predict", "predicted", "predicts", "promise", "promised", "promises", "vow", "vowed",
    "vows", "pledge", "pledged", "urge", "urged", "urges", "urging", "recall", "recalled",
    "recalls", "recalling", "conclude", "concluded", "joke", "joked", "jokes", "joking", "laugh",
    "laughed", "shout", "shouted", "shouting", "cry", "cried", "yell", "yelled", "scream",
    "screamed", "whisper", "whispered", "mutter", "muttered", "boast", "boasted", "complain",
    "complained", "complains", "protest", "protested", "reveal", "revealed", "reveals", "describe",
    "described", "describes", "describing", "call", "called", "calls", "calling", "tweet",
    "tweeted", "respond", "responded", "retort", "retorted", "quip", "quipped", "maintain",
    "maintained", "maintains", "contend", "contended", "assert", "asserted", "emphasise",
    "emphasised", "emphasize", "emphasized", "stress", "stressed", "stresses", "reckon", "reckoned",
    "reckons", "mention", "mentioned", "exclaim", "exclaimed", "counter", "countered", "snap",
    "snapped", "plead", "pleaded", "demand", "demanded", "continue", "continued", "continues",
    "testify", "testified", "report", "reported", "quote", "quoted", "went", "goes", "go", "put",
    "puts", "branded", "brand", "dubbed", "thanked", "accepted", "conceding", "believes", "believe",
    "believed", "think", "thinks", "thought", "hope", "hopes", "hoped", "fear", "fears", "feared",
    "hit", "fired", "echoed",
];

/// Cue forms that only count with a particle after them: `went on`, `put it`, `hit back`.
pub fn needs_particle(word: &str) -> Option<&'static [&'static str]> {
    match word {
        "went" | "goes" | "go" | "continued" => Some(&["on"]),
        "put" | "puts" => Some(&["it"]),
        "hit" | "fired" => Some(&["back"]),
        _ => None,
    }
}

/// Cue words that are nouns as often as verbs: they count only right by a quotation or a
/// subject, never as a bare participle.
pub fn weak_cue(word: &str) -> bool {
    matches!(
        word,
        "warning"
            | "note"
            | "notes"
            | "report"
            | "reported"
            | "call"
            | "calls"
            | "called"
            | "state"
            | "states"
            | "comment"
            | "promise"
            | "promises"
            | "stress"
            | "hope"
            | "hopes"
            | "fear"
            | "fears"
            | "think"
            | "thinks"
            | "thought"
            | "believes"
            | "believe"
            | "believed"
            | "hoped"
            | "feared"
            | "quote"
            | "quoted"
            | "thanked"
            | "accepted"
            | "echoed"
            | "branded"
            | "brand"
            | "dubbed"
            | "continue"
            | "continues"
            | "writing"
            | "written"
    )
}

/// Titles written before a name and dropped from it (`Mr`, `Prime Minister`, `coach`).
#[rustfmt::skip]
pub static TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "president", "prime", "minister",
    "chancellor", "secretary", "senator", "governor", "mayor", "judge", "general", "captain",
    "capt", "coach", "manager", "chairman", "chairwoman", "chief", "executive", "deputy", "foreign",
    "home", "shadow", "justice", "ambassador", "commissioner", "director", "inspector", "sergeant",
    "sgt", "constable", "detective", "officer", "pope", "king", "queen", "prince", "princess",
    "archbishop", "bishop", "cardinal", "rev", "reverend", "father", "keeper", "goalkeeper",
    "striker", "midfielder", "defender", "skipper", "winger", "star", "singer", "actor", "actress",
    "presenter", "host", "producer", "writer", "author", "novelist", "artist", "designer",
    "composer", "lyricist", "cinematographer", "boss", "leader", "founder", "analyst", "economist",
    "correspondent", "editor", "reporter", "spokesman", "spokeswoman", "spokesperson", "adviser",
    "advisor", "consultant", "lecturer", "researcher", "scientist", "doctor", "lawyer", "attorney",
    "mp", "mep", "msp", "senior", "junior", "former", "veteran", "international", "interior",
    "defence", "defense", "finance", "health", "education", "culture", "sports", "sport", "trade",
    "treasury", "labour", "tory", "conservative", "liberal", "democrat", "republican", "vice",
    "assistant", "acting", "head", "team", "club", "party", "national", "attorney-general",
    "under-secretary", "first", "lieutenant", "colonel", "col", "major", "admiral", "commander",
    "lt", "gen", "sen", "rep", "gov", "supt", "superintendent", "chair",
];

/// Titles that say a name is a person's (`Mr Howard`, `Dame Kelly Holmes`).
#[rustfmt::skip]
pub static PERSON_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "baroness",
];

/// Titles that are part of a British name and kept in it (`Sir Alex Ferguson`).
#[rustfmt::skip]
pub static KEPT_TITLES: &[&str] = &[
    "sir", "dame", "lord", "lady", "baroness", "baron",
];

/// Words that stand capitalised at the start of a sentence but are not names.
#[rustfmt::skip]
pub static NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "with", "as", "it", "he", "she",
    "they", "we", "i", "you", "this", "that", "these", "those", "there", "here", "when", "while",
    "if", "after", "before", "since", "although", "though", "so", "yet", "nor", "not", "no", "now",
    "then", "also", "even", "still", "only", "just", "both", "each", "every", "all", "some", "many",
    "most", "much", "more", "other", "such", "asked", "speaking", "writing", "according",
    "meanwhile", "however", "earlier", "later", "last", "next", "first", "today", "yesterday", "by",
    "from", "to", "of", "under", "over", "despite", "like", "unlike", "what", "why", "how", "who",
    "where", "whether", "his", "her", "their", "its", "our", "my", "your", "one", "two", "three",
    "nobody", "everyone", "someone", "anyone", "nothing", "instead", "indeed", "because", "until",
    "during", "about", "among", "between", "without", "within", "into", "through", "against",
    "behind", "beyond", "around", "up", "down", "out", "off", "again", "once", "ever", "never",
    "already", "perhaps", "maybe", "yes", "well", "oh", "analysing", "addressing", "standing",
    "commenting", "having", "being", "following", "responding", "reacting", "talking",
    "interviewed", "quoted", "elsewhere", "overall", "privately", "publicly", "separately",
    "critics", "officials", "ministers", "others", "several", "few", "any", "neither", "either",
    "whatever", "whoever", "are", "is", "was", "were", "do", "does", "did", "will", "would", "can",
    "could", "should", "may", "might", "must", "has", "have", "had", "mon", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
];

/// Words that make a capitalised run an organisation or place rather than a person.
#[rustfmt::skip]
pub static ORG_WORDS: &[&str] = &[
    "road", "street", "park", "university", "college", "school", "council", "party", "union",
    "association", "federation", "bank", "club", "united", "city", "rovers", "town", "office",
    "ministry", "department", "agency", "company", "group", "corporation", "corp", "inc", "ltd",
    "plc", "airways", "airlines", "systems", "studios", "studio", "entertainment", "records",
    "times", "news", "post", "herald", "journal", "telegraph", "guardian", "independent", "review",
    "radio", "television", "tv", "channel", "network", "service", "services", "house", "hall",
    "square", "hospital", "court", "commission", "committee", "board", "trust", "fund",
    "foundation", "institute", "centre", "center", "society", "societies", "organisation",
    "organization", "authority", "forum", "conference", "show", "awards", "cup", "league",
    "championship", "championships", "open", "olympics", "games", "prix", "festival", "academy",
    "programme", "program", "bill", "act", "treaty", "movement", "campaign", "army", "navy",
    "police", "force", "parliament", "assembly", "senate", "congress", "government", "cabinet",
    "treasury", "commons", "lords", "lane", "avenue", "bridge", "river", "lake", "island",
    "islands", "republic", "kingdom", "states", "nations", "council's", "industries", "motors",
    "holdings", "media", "press", "bbc", "fc", "re", "microsoft", "sony", "nintendo", "google",
    "apple", "ea", "labs", "world", "international", "europe", "africa", "asia", "america",
    "britain", "england", "scotland", "wales", "ireland", "france", "germany", "india", "china",
    "japan", "russia", "ukraine", "the", "nhs", "eu", "un", "uk", "us", "usa", "nato", "fifa",
    "uefa", "reserve", "exchange", "market", "markets", "stadium", "arena", "ground", "palace",
    "castle", "church", "cathedral", "airport", "station", "hotel", "museum", "gallery", "theatre",
    "theater", "day", "week", "year", "age", "era", "war", "sunday", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "plan", "policy", "report", "tax", "budget",
    "health", "trade", "labour", "conservatives", "democrats", "tories", "republicans",
    "socialists", "dems", "lib", "tory", "greens", "nationalists", "unionists", "liberals",
];

/// Nouns that name an organisation when they head `the …` (`the firm said`).
#[rustfmt::skip]
pub static ORG_NOUNS: &[&str] = &[
    "company", "firm", "group", "government", "ministry", "department", "agency", "club", "union",
    "party", "council", "association", "federation", "bank", "organisation", "organization",
    "board", "committee", "commission", "charity", "body", "airline", "carrier", "retailer",
    "newspaper", "network", "broadcaster", "studio", "team", "side", "league", "authority",
    "regulator", "watchdog", "police", "army", "court", "parliament", "campaign", "statement",
    "report", "survey", "study", "insurer", "reinsurer", "maker", "manufacturer", "developer",
    "publisher", "operator", "giant", "chain", "store", "business", "industry", "fund", "institute",
    "trust", "society", "school", "university", "college", "hospital", "service", "communiqué",
    "communique", "document", "letter", "paper", "website", "site", "magazine", "programme",
];

/// Head nouns that make `a …` / `one …` an unnamed person (`a spokesman for the FA`).
#[rustfmt::skip]
pub static PERSON_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "official", "source", "insider", "aide", "voice",
    "analyst", "expert", "observer", "witness", "resident", "fan", "critic", "colleague", "friend",
    "member", "player", "coach", "manager", "minister", "executive", "director", "man", "woman",
    "person", "attacker", "teacher", "pupil", "student", "doctor", "officer", "worker",
    "campaigner", "activist", "lawyer", "adviser", "economist", "spokesmen", "representative",
    "secretary", "chairman", "chairwoman", "president", "leader", "mp", "mep", "senator",
    "diplomat", "negotiator", "captain", "skipper", "striker", "keeper", "boss", "chief", "head",
    "actor", "actress", "presenter", "singer", "star", "veteran", "champion", "full-back",
    "fly-half", "scrum-half", "winger", "defender", "midfielder", "forward", "goalkeeper",
    "referee", "umpire", "judge", "detective", "agent", "banker", "trader", "broker", "investor",
    "shopper", "customer", "consumer", "user", "viewer", "reader", "listener", "voter", "citizen",
    "parent", "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister", "girl",
    "boy", "victim", "survivor", "soldier", "general", "commander", "correspondent", "editor",
    "reporter", "journalist", "writer", "author", "researcher", "scientist", "professor",
    "lecturer", "academic", "inspector", "american", "frenchman", "briton", "slovenian", "german",
    "scot", "irishman", "welshman", "englishman", "italian", "spaniard", "australian", "russian",
    "chancellor", "premier", "governor", "mayor", "founder", "owner", "designer", "producer",
    "composer", "artist", "novelist", "poet", "comedian", "host", "musician", "rapper", "guitarist",
    "drummer", "model", "dancer", "athlete", "runner", "cyclist", "swimmer", "golfer", "boxer",
    "jockey", "trainer", "rider", "driver", "racer", "pilot", "holder", "candidate", "nominee",
    "winner",
];

/// Female first names, titles and nouns; anything else is of unknown gender unless male.
#[rustfmt::skip]
pub static FEMALE: &[&str] = &[
    "mrs", "ms", "miss", "dame", "lady", "baroness", "queen", "princess", "duchess", "actress",
    "spokeswoman", "chairwoman", "sportswoman", "businesswoman", "mother", "wife", "daughter",
    "sister", "girl", "woman", "grandmother", "mary", "anne", "ann", "angela", "maeve", "ruth",
    "imelda", "sophie", "cate", "katharine", "hilary", "andrea", "sandy", "kate", "kelly", "margot",
    "jolanda", "paula", "hayley", "zara", "jade", "joy", "olga", "caroline", "helen", "margaret",
    "elizabeth", "sarah", "emma", "jane", "susan", "karen", "lisa", "julie", "claire", "clare",
    "rachel", "laura", "jennifer", "jessica", "amanda", "michelle", "nicola", "louise", "victoria",
    "charlotte", "lucy", "emily", "hannah", "amy", "rebecca", "natalie", "patricia", "linda",
    "barbara", "deborah", "diane", "catherine", "christine", "carol", "janet", "joanne", "alison",
    "tessa", "harriet", "theresa", "hillary", "condoleezza", "madeleine", "cherie", "fiona",
    "gillian", "valerie", "judith", "sinéad", "sinead", "maria", "anna", "julia", "eva", "ursula",
    "angelina", "nicole", "serena", "venus", "martina", "steffi", "monica", "kim", "jenny",
    "denise", "tracey", "tracy", "sally", "penny", "wendy", "jackie", "beverley", "kirsty", "gemma",
    "sharon", "dawn", "donna", "heather", "jo", "kathy", "katie", "lorraine", "mandy", "sue",
    "tina", "yvonne", "beyonce", "madonna", "britney", "kylie", "halle", "nigella", "delia",
    "zadie", "nadia", "ségolène", "segolene", "marine", "kamala", "nancy", "sonia", "indira",
    "benazir", "golda", "aung", "yulia", "svetlana", "irina", "natalia", "tatiana", "kseniya",
    "liz", "tanni", "shirley", "jacqui", "estelle", "yvette", "glenys",
];

#[rustfmt::skip]
pub static MALE: &[&str] = &[
    "mr", "sir", "lord", "king", "prince", "duke", "spokesman", "chairman", "businessman",
    "sportsman", "father", "husband", "son", "brother", "boy", "man", "actor", "frenchman",
    "irishman", "welshman", "englishman", "michael", "matthew", "david", "tony", "trevor", "martin",
    "carl", "ravi", "charles", "bill", "andrew", "robert", "damien", "roger", "jonathan", "geoff",
    "rory", "simon", "gary", "gerhard", "gordon", "john", "max", "nelson", "alex", "arsene",
    "patrick", "roy", "graham", "brian", "phil", "kolo", "felix", "mike", "clive", "andy", "jason",
    "jonny", "mark", "charlie", "josh", "lawrence", "eddie", "rob", "mathew", "matt", "vince",
    "james", "william", "richard", "thomas", "george", "peter", "paul", "steven", "stephen",
    "kevin", "ian", "alan", "chris", "christopher", "daniel", "edward", "neil", "stuart", "jack",
    "harry", "joe", "tom", "ben", "sam", "nick", "nicholas", "jim", "jeremy", "ken", "kenneth",
    "keith", "colin", "derek", "dennis", "frank", "fred", "henry", "hugh", "jeff", "joseph",
    "larry", "leo", "luke", "malcolm", "nigel", "oliver", "philip", "ralph", "ray", "ron", "ronald",
    "russell", "sean", "terry", "tim", "timothy", "victor", "walter", "wayne", "glenn", "juthamas",
    "rodrigo", "jan", "serge", "louis", "steve", "dave", "murray", "johan", "cyril", "tommy",
    "jurgen", "donald", "barack", "vladimir", "sergey", "dmitry", "emmanuel", "keir", "boris",
    "rishi", "nicolas", "jacques", "silvio", "kofi", "jose", "josé", "carlos", "juan", "luis",
    "pedro", "diego", "marco", "luca", "giovanni", "hans", "karl", "franz", "wolfgang", "pierre",
    "jean", "francois", "françois", "thierry", "zinedine", "didier", "rio", "ashley", "sol",
    "alastair", "gus", "kenny", "gareth", "dai", "rhodri", "hywel", "iain", "ewan", "hamish",
    "angus", "fergus", "callum", "liam", "seamus", "padraig", "eoin", "declan", "ronan", "brendan",
    "aidan", "kieran", "niall", "conor", "darren", "lee", "craig", "dean", "jamie", "ryan", "scott",
    "adam", "aaron", "adrian", "alistair", "anthony", "arthur", "barry", "bob", "bruce", "carlo",
    "clint", "dan", "des", "dominic", "doug", "douglas", "duncan", "ed", "eric", "gavin",
    "geoffrey", "gerald", "gerry", "greg", "harold", "howard", "jake", "jerry", "jimmy", "johnny",
    "jon", "justin", "lewis", "marcus", "mick", "nathan", "noel", "norman", "owen", "pete",
    "raymond", "rick", "robbie", "rod", "rupert", "shaun", "stan", "ted", "toby", "vic", "wes",
    "will", "zac", "ali", "mohammed", "muhammad", "ahmed", "hamid", "yasser", "ariel", "ehud",
    "benjamin", "shimon", "andrii", "javier", "alexander", "olaf", "friedrich", "tiger", "lance",
    "pele", "thabo", "jacob", "kgalema", "olusegun", "goodluck",
];
