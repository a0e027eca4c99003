package be.samenbord.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The index's documents: one per searchable text (an item's field, a template text), so a result
 * names its board, item and field (rule SE-1). Keyword fields carry what filters and visibility
 * ask (rules SE-4, SE-6, SE-7); the text is stored once, in the field of its language, for snippets.
 */
final class IndexDocs {

    static final String TYPE = "type";
    static final String ITEM_TYPE = "item";
    static final String TEMPLATE_TYPE = "tpl";
    /** board + separator + item: all documents of one item, replaced together. */
    static final String KEY = "key";
    static final String BOARD = "board";
    static final String WORKSHOP = "workshop";
    static final String ITEM = "item";
    static final String FIELD = "field";
    static final String ZONE = "zone";
    static final String COLOR = "color";
    static final String AUTHOR = "author";
    static final String VISIBLE = "vis";
    static final String PUBLIC = "public";
    static final String PRIVATE = "private";
    static final String OWNER = "owner";
    static final String VOTED = "voted";
    static final String VOTE_OPEN = "voteopen";
    static final String VOTER = "voter";
    static final String YES = "1";
    /** Template documents of a board, replaced together. */
    static final String TEMPLATE_KEY = "tplkey";

    private IndexDocs() {
    }

    static Term itemKey(String board, String item) {
        return new Term(KEY, board + '\u001f' + item);
    }

    static Term templateKey(String board) {
        return new Term(TEMPLATE_KEY, board);
    }

    /** Lowercased and trimmed, as filters compare authors and colours. */
    static String keyword(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    static List<Document> item(String board, BoardInfo info, boolean voteOpen, ItemDoc doc) {
        List<Document> out = new ArrayList<>(doc.texts().size());
        for (Map.Entry<String, String> text : doc.texts().entrySet()) {
            Document d = common(ITEM_TYPE, board, info, doc.item(), text.getKey());
            d.add(new StringField(KEY, itemKey(board, doc.item()).text(), Field.Store.NO));
            d.add(new TextField(SearchAnalyzers.EN.equals(info.lang()) ? SearchAnalyzers.EN : SearchAnalyzers.NL, text.getValue(), Field.Store.YES));
            d.add(new TextField(SearchAnalyzers.PLAIN, text.getValue(), Field.Store.NO));
            if (doc.zone() != null) d.add(new StringField(ZONE, doc.zone(), Field.Store.NO));
            if (doc.color() != null) d.add(new StringField(COLOR, keyword(doc.color()), Field.Store.NO));
            if (doc.author() != null && !doc.author().isBlank()) d.add(new StringField(AUTHOR, keyword(doc.author()), Field.Store.NO));
            if (doc.owner() != null) {
                d.add(new StringField(VISIBLE, PRIVATE, Field.Store.NO));
                d.add(new StringField(OWNER, doc.owner(), Field.Store.NO));
            } else {
                d.add(new StringField(VISIBLE, PUBLIC, Field.Store.NO));
            }
            if (voteOpen) d.add(new StringField(VOTE_OPEN, YES, Field.Store.NO));
            if (!doc.voters().isEmpty()) d.add(new StringField(VOTED, YES, Field.Store.NO));
            for (String voter : doc.voters()) d.add(new StringField(VOTER, voter, Field.Store.NO));
            out.add(d);
        }
        return out;
    }

    static List<Document> template(String board, BoardInfo info, List<TemplateTexts.Text> texts) {
        List<Document> out = new ArrayList<>(texts.size());
        for (TemplateTexts.Text t : texts) {
            Document d = common(TEMPLATE_TYPE, board, info, t.item(), t.field());
            d.add(new StringField(TEMPLATE_KEY, board, Field.Store.NO));
            if (!t.nl().isBlank()) {
                d.add(new TextField(SearchAnalyzers.NL, t.nl(), Field.Store.YES));
                d.add(new TextField(SearchAnalyzers.PLAIN, t.nl(), Field.Store.NO));
            }
            if (!t.en().isBlank()) {
                d.add(new TextField(SearchAnalyzers.EN, t.en(), Field.Store.YES));
                d.add(new TextField(SearchAnalyzers.PLAIN, t.en(), Field.Store.NO));
            }
            if (t.zone() != null) d.add(new StringField(ZONE, t.zone(), Field.Store.NO));
            d.add(new StringField(VISIBLE, PUBLIC, Field.Store.NO));
            out.add(d);
        }
        return out;
    }

    private static Document common(String type, String board, BoardInfo info, String item, String field) {
        Document d = new Document();
        d.add(new StringField(TYPE, type, Field.Store.NO));
        d.add(new StringField(BOARD, board, Field.Store.YES));
        d.add(new StringField(WORKSHOP, info.workshop(), Field.Store.NO));
        d.add(new StoredField(ITEM, item));
        d.add(new StoredField(FIELD, field));
        return d;
    }
}
