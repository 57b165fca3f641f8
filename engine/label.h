/*
 * The language of data labels: city names and node names are in
 * Chinese or English (--lang, the explorer's key, the config file).
 * Every front end asks here, so the choice and its fallbacks are made
 * in one place.  The words of the interface itself stay English.
 */
#ifndef CR_LABEL_H
#define CR_LABEL_H

enum cr_lang {
	CR_LANG_ZH,	/* Chinese, English beside it where both show */
	CR_LANG_EN,	/* English (pinyin for Chinese places) alone */
	CR_LANG_COUNT
};

/* "zh" or "en" into *out: 0, or -1 for anything else. */
int		 cr_lang_parse(const char *, enum cr_lang *);
/* "zh", "en". */
const char	*cr_lang_name(enum cr_lang);

/*
 * One name in lang; the other when that one is empty (data sets
 * without English names, or without Chinese ones).
 */
const char	*cr_label(const char *zh, const char *en, enum cr_lang);
/*
 * The name as a heading shows it: in Chinese "中文 English" (one name
 * when the two are the same or one is empty), in English the English
 * name alone.  Caller frees.
 */
char		*cr_label_both(const char *zh, const char *en, enum cr_lang);

#endif
