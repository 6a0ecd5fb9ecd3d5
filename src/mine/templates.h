/*
 * templates: a streaming message-template miner of the Drain family (He et
 * al., "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS
 * 2017).  Messages are fed one at a time; each joins the template it is most
 * like or starts a new one, in one pass and with memory bounded by the
 * options.  A miner owns everything it holds, including copies of the text
 * it was given; templates_free releases it and accepts NULL.
 *
 * How a message is handled (templates.c has the details):
 *
 * 1. Masking.  Variable-looking pieces are replaced by typed masks before
 *    the tree sees them, as Drain3's masking does with regexes:
 *      <NUM>     integers and decimals, signed, 1e-5      "3" "-12" "0.95"
 *      <HEX>     0x..., or a run of 6+ hex digits with both a digit and a
 *                letter                                    "0x1f" "7f3a9c"
 *      <UUID>    8-4-4-4-12 hex digits
 *      <ID>      a run of 10+ letters and digits holding both
 *      <IP>      dotted IPv4                               "10.0.0.1"
 *      <VER>     versions with 3+ parts, or v + 2+ parts   "2.1.0+cu118" "v2.0"
 *      <DUR>     a number with a time unit (ns us µs ms s sec(s) m
 *                min(s) h hr(s) d), also compound           "12ms" "1h30m"
 *      <SIZE>    a number with a size unit: B K M G T, KB MB GB TB PB in
 *                either case, KiB MiB GiB TiB PiB          "3.4GB" "512mb"
 *      <TIME>    YYYY-MM-DD, hh:mm:ss(.fff), or both with T and a zone
 *      <PATH>    /a/b, ./a, ../a, ~/a                      "/workspace/x.bin"
 *      <URL>     scheme://...
 *      <QUOTED>  '...' or "..." after ':' or '=' (a value; may hold
 *                spaces; at most 512 bytes).  Other quoted text is words,
 *                as Loghub's labels have it: "GET <PATH> HTTP/<NUM>".
 *      <TIME>    also a date written with names, as one token:
 *                "Fri Jun 17 07:07:00 2005", "Jul  1 09:01:22"
 *    A mask covers only the variable part of a token: "(1.2" gives "(<NUM>",
 *    "shard=3/8" gives "shard=<NUM>/<NUM>", "blk_-42" gives "blk_<NUM>".
 *    Letters and digits in one short run ("A100", "cu118", "x86") stay as
 *    they are; the tree itself turns them into <*> when they vary.  A
 *    word after '=' stays a word: Loghub labels "user=root" and
 *    "user=guest" as two events.
 * 2. Tokens.  The masked message is split on ASCII whitespace.  A token
 *    longer than TEMPLATES_TOKEN_MAX bytes becomes "<LONG>" (its rest is
 *    not masked: a quote in it starts no quoted string).  A message with
 *    more than max_tokens tokens keeps its first max_tokens - 1 tokens and
 *    "<REST>" stands for all that follow, so such messages group by their
 *    beginning.
 * 3. The tree.  Level, then emoji, then token count, then the first
 *    prefix_tokens tokens lead to a leaf holding a few templates.  As in
 *    Drain, a token with a digit or mask, or one that would make a node
 *    exceed max_children, goes down a shared <*> branch.  Level and emoji are
 *    therefore fixed parts of a template: an INFO template never takes an
 *    ERROR line, nor a "🚀" template a "📦" line.
 * 4. Similarity.  In the leaf, the template sharing the most tokens with
 *    the message wins (ties: the one with more <*>, then the oldest); it
 *    takes the message if shared / token count >= similarity, and the
 *    positions where they differ become <*>.  Otherwise the message starts
 *    a template.  A position counts as shared when the tokens are equal,
 *    when the template has <*> there (as in Drain), or when both look
 *    variable: each has a digit or a mask and the same key ("uid=",
 *    "LOGIN(") if any.  Drain counts only the first two; the third keeps
 *    "Processed job <HEX>" taking "Processed job 00beef" at a threshold
 *    high enough to keep apart messages that share only boilerplate.
 *    Two variable tokens with different keys, and two different words
 *    (letters, no digit, no mask) are a conflict: the message does not
 *    join.  Loghub's labels show that messages differing by a word are
 *    nearly always different events ("VM Paused", "VM Started"; "GET",
 *    "POST").  A dotted name of three parts or more (a host or class
 *    name) and a unit ("KB", "ms") do not conflict, nor does a token
 *    without letters ("_", "-"); they are simply not shared.  Two values
 *    with the same key become key=<*> ("setDiffTotalSteps=<*>").
 * 5. Siblings.  When a message differs by one word at the same position
 *    from three templates of its leaf and would join any of them but for
 *    it, that position holds a variable that looks like a word (a user
 *    name: "session closed for user cyrus", "... news", "... test"): the
 *    oldest of them takes the others in, with <*> there, and the message.
 *    The others stay listed with the lines they took, their merged_into
 *    naming it, and take no more; so user names do not make templates
 *    without end.
 *
 * Results depend only on the sequence of inputs (no clocks, no addresses,
 * no random seeds), so the same input gives the same ids and texts.  Each
 * NUL byte and invalid UTF-8 byte of a message becomes U+FFFD before it is
 * masked, in templates_add and templates_known alike, so texts are valid
 * UTF-8 without NUL (a profile's YAML can hold them as they are) and
 * messages that differ only there share a template.  The example is kept
 * as given, cut on a UTF-8 boundary.
 *
 * Memory: each template holds at most max_tokens tokens of at most
 * TEMPLATES_TOKEN_MAX bytes and an example of at most TEMPLATES_EXAMPLE_MAX
 * bytes, and there are at most max_templates of them; only tokens of
 * templates are kept, so a flood of new words costs nothing once the cap
 * is reached.  Scratch space for one message is allocated once, in
 * templates_new.  A miner is not safe to share between threads.
 *
 * Use:
 *	templates *t = templates_new(NULL);
 *	for each line:
 *		id = templates_add(t, level, level_len, emoji, emoji_len,
 *		    message, message_len);	(0: overflow)
 *	for (i = 0; templates_get(t, i, &entry); i++)
 *		print entry.id, entry.count, entry.level, entry.emoji,
 *		    entry.text, entry.example;
 *	if (templates_capped(t)) report templates_overflow(t) lines;
 *	templates_free(t);
 */
#ifndef LC_TEMPLATES_H
#define LC_TEMPLATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tokens (after masking) longer than this become "<LONG>". */
#define TEMPLATES_TOKEN_MAX 256
/* The example kept per template is cut to at most this many bytes. */
#define TEMPLATES_EXAMPLE_MAX 1024
/* templates_add returns this when the message went to the overflow. */
#define TEMPLATES_OVERFLOW 0

typedef struct templates templates;

typedef struct {
	/*
	 * Share of tokens, 0 to 1, a message must have in common with a
	 * template to join it.  Default 0.7 (Drain3 uses 0.4 with its
	 * narrower notion of a shared token; see tests/templates/README.md
	 * for how 0.7 was chosen).
	 */
	double similarity;
	/*
	 * Leading tokens used to pick a leaf (Drain's depth minus 3; Drain3's
	 * default depth 4 is 1).  Default 1.
	 */
	unsigned prefix_tokens;
	/*
	 * Children per token node before new tokens share <*>.  Default
	 * 100000: a child leads to one template at least, so max_templates
	 * bounds the tree already, and Drain's 100 sent the templates past
	 * it to one <*> leaf that each message scans template by template
	 * (10000 distinct events ran at 0.01 M messages/s).
	 */
	unsigned max_children;
	/*
	 * Templates at most.  Once reached, a message that would start a new
	 * template is counted in the overflow instead (templates_add returns
	 * TEMPLATES_OVERFLOW) and templates_capped becomes true; messages that
	 * fit an existing template still join it.  Default 10000.
	 */
	size_t max_templates;
	/* Tokens per template, at least 2 (see "<REST>").  Default 128. */
	unsigned max_tokens;
	/*
	 * Typed masks (<NUM>, <IP>...) when true, the default; every mask is
	 * <*> when false.
	 */
	bool typed_masks;
} templates_options;

/*
 * One template, as templates_get describes it.  Every string is
 * NUL-terminated but may hold NUL bytes that came with the input, so use
 * the lengths; none is escaped or checked as UTF-8.
 */
typedef struct {
	uint32_t id;		/* 1-based, in order of first appearance */
	const char *text;	/* tokens joined by one space, masks and <*> */
	size_t text_len;
	size_t token_count;
	uint64_t count;		/* messages it took, the first included */
	const char *example;	/* the first message, as given (see above) */
	size_t example_len;
	/* As given to templates_add, "" for none, "<LONG>" past TOKEN_MAX. */
	const char *level;
	size_t level_len;
	const char *emoji;
	size_t emoji_len;
	/*
	 * 0, or the id of the template that took this one in (see
	 * "siblings" above; follow it, it may have been taken in too).  Such
	 * a template keeps its text and the lines it took but takes no more.
	 */
	uint32_t merged_into;
} templates_entry;

/* Fill opts with the defaults. */
void templates_options_init(templates_options *opts);

/*
 * A new, empty miner.  opts may be NULL for the defaults; it is copied.
 * Out-of-range values are clamped: similarity to [0, 1], max_children to
 * at least 2, max_templates to [1, UINT32_MAX - 1], max_tokens to
 * [2, 65535].
 */
templates *templates_new(const templates_options *opts);
void templates_free(templates *t);

/*
 * Add one message: message_len bytes (message may be NULL when that is
 * 0), without the timestamp, level and leading emoji, which go in level
 * and emoji (either may be NULL or have length 0 for none).  Returns the
 * id of the template the message joined or started, or TEMPLATES_OVERFLOW
 * (0) when it needed a new template and the cap was reached.  No
 * allocation happens unless a template is created or a template's text
 * changes.
 */
uint32_t templates_add(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *message,
    size_t message_len);

/*
 * Add a template as templates_get describes it: text is its tokens
 * (masks and <*> included) separated by whitespace, taken as they are,
 * without masking; count is its message count.  For rebuilding a miner
 * from a saved list (a baseline in a rule file).  Returns its id, or
 * TEMPLATES_OVERFLOW when the cap is reached or the text has more than
 * max_tokens tokens or one longer than TEMPLATES_TOKEN_MAX.
 */
uint32_t templates_seed(templates *t, const char *level, size_t level_len,
    const char *emoji, size_t emoji_len, const char *text, size_t text_len,
    uint64_t count);

/*
 * The template a message is like, or 0 when none: of the templates with
 * the same level and token count, whatever their emoji, the one sharing
 * most positions (then most <*>, then the oldest), when it shares at least
 * `similarity` of the positions and no conflict (see 4. above); templates
 * taken in by another are passed by.  A <*> position is shared with any
 * token, as in Drain's match: "Received job <*>" knows "Received job
 * job-cfdccc".
 * The message is masked and split as templates_add does; nothing
 * changes, and no allocation happens unless templates were added since
 * the last call.  Deterministic: it depends on the templates and the
 * message only.
 */
uint32_t templates_known(templates *t, const char *level, size_t level_len,
    const char *message, size_t message_len);

/*
 * Mask and split a message as templates_add does, changing nothing: the
 * token count (at most max_tokens, "<REST>" last past it).  Token i is
 * templates_split_token(t, i, &len), valid until the next call on t.  No
 * allocation unless the message holds NUL or invalid UTF-8.
 */
size_t templates_split(templates *t, const char *message, size_t message_len);
const char *templates_split_token(const templates *t, size_t i,
    size_t *len);
/*
 * templates_add of the message that templates_split split last, with no
 * call on t since: the tokens are not made twice.
 */
uint32_t templates_add_split(templates *t, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    const char *message, size_t message_len);

/* Templates so far; their ids are 1 to this count. */
size_t templates_count(const templates *t);

/*
 * Describe the template at index (0-based; its id is index + 1).  Returns
 * false when index is out of range.  The pointers in *entry stay valid
 * until the next templates_add or templates_free.
 */
bool templates_get(const templates *t, size_t index, templates_entry *entry);

/* Messages added in all, and those of them that went to the overflow. */
uint64_t templates_messages(const templates *t);
uint64_t templates_overflow(const templates *t);

/*
 * Whether the cap on templates was reached: a message needed a new
 * template and went to the overflow instead.
 */
bool templates_capped(const templates *t);

#endif
