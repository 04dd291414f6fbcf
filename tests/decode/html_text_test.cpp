// html_to_text: HTML-only notices reduced to the text a reader sees.
#include <gtest/gtest.h>

#include <string>

#include "decode/html_text.hpp"

namespace {

using bouncekit::decode::html_to_text;

TEST(HtmlText, BlocksBecomeLinesAndSourceLineBreaksAreBlanks) {
  EXPECT_EQ(html_to_text("<p>Delivery\n  failed</p><p>for <b>a@example.org</b></p>"),
            "Delivery failed\n\nfor a@example.org\n");
  EXPECT_EQ(html_to_text("one<br>two<br/><br>three"), "one\ntwo\n\nthree");
  EXPECT_EQ(html_to_text("<table><tr><td>a@example.org</td><td>550 no</td></tr></table>"),
            "a@example.org 550 no\n");
}

TEST(HtmlText, ScriptStyleHeadAndCommentsAreLeftOut) {
  EXPECT_EQ(html_to_text("<head><title>t</title></head><STYLE>p{}</STYLE><script>x=1<2</script>"
                         "<!-- b@example.org -->text"),
            "text");
}

TEST(HtmlText, EntitiesNamedAndNumeric) {
  EXPECT_EQ(html_to_text("&lt;a@example.org&gt; &amp; &quot;q&quot; &#39;s&#x27; &eacute; &#233;&nbsp;x"),
            "<a@example.org> & \"q\" 's' &eacute; \u00e9 x");
  EXPECT_EQ(html_to_text("&#0; &#x110000; &#1114112; &#xD800;"), "\ufffd \ufffd \ufffd \ufffd");
  EXPECT_EQ(html_to_text("&#99999999999999999999;"), "&#99999999999999999999;");  // too long to be one
}

TEST(HtmlText, PreKeepsItsLines) {
  EXPECT_EQ(html_to_text("<pre>550 5.1.1\n  unknown</pre>"), "550 5.1.1\n  unknown\n");
}

TEST(HtmlText, UnterminatedMarkupEndsTheTextAndStaysLinear) {
  EXPECT_EQ(html_to_text("before<p class=\"x"), "before");
  EXPECT_EQ(html_to_text("before<!-- never closed"), "before");
  EXPECT_EQ(html_to_text("before<script>never closed"), "before");
  std::string hostile(200000, '<');
  EXPECT_EQ(html_to_text(hostile), "");
  std::string amps(200000, '&');
  EXPECT_EQ(html_to_text(amps).size(), amps.size());
}

}  // namespace
