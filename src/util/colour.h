/*
 * colour: the SGR escapes the text reports use when writing to a terminal
 * (see --color in logcompat(1)).
 */
#ifndef LC_COLOUR_H
#define LC_COLOUR_H

#define SGR_BOLD	"\033[1m"
#define SGR_RED		"\033[1;31m"
#define SGR_YELLOW	"\033[1;33m"
#define SGR_GREEN	"\033[1;32m"
#define SGR_RESET	"\033[0m"

#endif
