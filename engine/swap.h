/* Exchange two lvalues of one type: state moved whole between owners. */
#ifndef CR_SWAP_H
#define CR_SWAP_H

#define SWAP(a, b) do {							\
	__typeof__(a) tmp_ = (a);					\
	(a) = (b);							\
	(b) = tmp_;							\
} while (0)

#endif
