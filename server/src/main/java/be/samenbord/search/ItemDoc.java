package be.samenbord.search;

import java.util.List;
import java.util.Map;

/**
 * What the index keeps of one item (rule SE-2): its searchable texts and what filters and
 * visibility need. No texts means the item is not searchable (deleted, hidden kind, emptied): its
 * documents leave the index.
 *
 * @param texts   field → text, in the order of {@link IndexRules}
 * @param author  the author's name, or null (none, or the board is anonymous: rule SE-6)
 * @param owner   the only person who may find it (someone's private note, rule SE-6), or null = everyone
 * @param voters  persons with at least one dot on it (rule SE-7)
 */
public record ItemDoc(String item, String kind, Map<String, String> texts, String zone, String color, String author,
                      String owner, List<String> voters) {

    public ItemDoc {
        texts = texts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(texts));
        voters = voters == null ? List.of() : List.copyOf(voters);
    }

    public static ItemDoc removed(String item) {
        return new ItemDoc(item, null, Map.of(), null, null, null, null, List.of());
    }

    public boolean isRemoved() {
        return texts.isEmpty();
    }
}
