/*
 * shapes: the messages of a baseline as signature groups, for judging new
 * templates in a way that does not depend on the order of the messages.
 * A message, masked and split by the miner (templates_split), has the key
 * (level, leading emoji, token count, first token); its group keeps, per
 * position, the one token seen there or "many" once two differed.  That
 * is a function of the set of messages, and shapes_merge of two sets is
 * the shapes of their union (below SHAPES_MAX groups).  A shapes owns
 * copies of all it holds; shapes_free releases it and accepts NULL.
 */
#ifndef LC_SHAPES_H
#define LC_SHAPES_H

#include <stdbool.h>
#include <stddef.h>

#include "mine/templates.h"

/* Groups at most; past it, new groups are not added (shapes_capped). */
#define SHAPES_MAX 10000

typedef struct shapes shapes;

shapes *shapes_new(void);
void shapes_free(shapes *s);

/* Add one message, split by splitter (any miner: it is not changed). */
void shapes_add(shapes *s, templates *splitter, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    const char *message, size_t message_len);

/*
 * Add a group as shapes_text writes it.  Returns 0, 1 when a group of
 * that key is there already, -1 with *at (a byte offset into text) and
 * *cause (static text) when text is not one.
 */
int shapes_add_text(shapes *s, const char *level, const char *emoji,
    const char *text, size_t *at, const char **cause);

/* Join src's groups into dst's; src is left as it was. */
void shapes_merge(shapes *dst, const shapes *src);

/*
 * Whether a message fits a group: one has its key and every literal
 * position holds its token.  No allocation unless the message holds NUL
 * or invalid UTF-8 (see templates_split).
 */
bool shapes_known(const shapes *s, templates *splitter, const char *level,
    size_t level_len, const char *emoji, size_t emoji_len,
    const char *message, size_t message_len);

size_t shapes_count(const shapes *s);
/* Whether a group was left out at the cap. */
bool shapes_capped(const shapes *s);
void shapes_set_capped(shapes *s);

/*
 * Group index (0-based, in the order added): its level, emoji and text
 * (caller frees): the tokens joined by single spaces, "<*>" for many; a
 * token that is "<*>" or starts with a backslash gets one more backslash
 * in front.  False when index is out of range.
 */
bool shapes_get(const shapes *s, size_t index, const char **level,
    const char **emoji, char **text);

#endif
