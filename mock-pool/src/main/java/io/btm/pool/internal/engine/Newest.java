package io.btm.pool.internal.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The tail of a kept record. */
final class Newest {
    private Newest() {
    }

    /** At most the {@code n} last elements, oldest first; the caller holds the deque's lock. */
    static <T> List<T> of(Deque<T> all, int n) {
        List<T> tail = new ArrayList<>(Math.min(n, all.size()));
        for (Iterator<T> newestFirst = all.descendingIterator(); newestFirst.hasNext() && tail.size() < n; ) {
            tail.add(newestFirst.next());
        }
        Collections.reverse(tail);
        return List.copyOf(tail);
    }
}
