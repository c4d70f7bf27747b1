#include "core/value.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace tf {
namespace {

Value S(const char* s) {
  return Value::String(s);
}

TEST(ValueTest, IsSixteenBytes) {
  EXPECT_EQ(sizeof(Value), 16u);
}

TEST(ValueTest, OrdersKindsAsRego) {
  std::vector<Value> ordered = {Value::Null(),
                                Value::Bool(false),
                                Value::Bool(true),
                                Value::Int(-1),
                                Value::Int(3),
                                S("a"),
                                S("b"),
                                Value::Array({Value::Int(1)}),
                                Value::EmptyObject(),
                                Value::EmptySet()};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(ordered[i], ordered[i + 1]) << i;
  }
}

TEST(ValueTest, ObjectsSortKeysAndLastDuplicateWins) {
  Value o =
      Value::Object({{S("b"), Value::Int(1)}, {S("a"), Value::Int(2)}, {S("b"), Value::Int(3)}});
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o.object()[0].first, S("a"));
  EXPECT_EQ(*o.Find("b"), Value::Int(3));
  EXPECT_EQ(o.Find("c"), nullptr);
  EXPECT_EQ(*o.Find(S("a")), Value::Int(2));
}

TEST(ValueTest, StringKeyLookupSkipsNonStringKeys) {
  Value o = Value::Object(
      {{Value::Int(1), S("one")}, {S("1"), S("string one")}, {Value::Array({}), S("arr")}});
  EXPECT_EQ(*o.Find("1"), S("string one"));
  EXPECT_EQ(*o.Find(Value::Int(1)), S("one"));
}

TEST(ValueTest, SetsAreSortedAndUnique) {
  Value s = Value::Set({Value::Int(3), Value::Int(1), Value::Int(3), S("x")});
  ASSERT_EQ(s.size(), 3u);
  EXPECT_TRUE(s.Contains(Value::Int(1)));
  EXPECT_FALSE(s.Contains(Value::Int(2)));
  EXPECT_EQ(s.set()[2], S("x"));
}

TEST(ValueTest, NumbersCompareByValue) {
  Value one = Value::FromNumber(*Number::Parse("1.0"));
  EXPECT_EQ(one, Value::Int(1));
  EXPECT_EQ(one.Hash(), Value::Int(1).Hash());
  EXPECT_TRUE(one.is_small_int());
}

TEST(ValueTest, ArrayIndexLookup) {
  Value a = Value::Array({S("x"), S("y")});
  EXPECT_EQ(*a.Find(Value::Int(1)), S("y"));
  EXPECT_EQ(a.Find(Value::Int(2)), nullptr);
  EXPECT_EQ(a.Find(Value::Int(-1)), nullptr);
}

TEST(ValueTest, CopiesShareNodesAcrossThreads) {
  Value big = Value::Array({S("shared"), Value::FromNumber(*Number::Parse("1e40"))});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([big] {
      for (int i = 0; i < 10000; ++i) {
        Value copy = big;
        ASSERT_EQ(copy.size(), 2u);
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(big.array()[0], S("shared"));
}

TEST(ValueTest, MovedFromValueIsNull) {
  Value a = S("text");
  Value b = std::move(a);
  EXPECT_TRUE(a.is_null());  // NOLINT(bugprone-use-after-move): documented state.
  EXPECT_EQ(b, S("text"));
}

}  // namespace
}  // namespace tf

namespace tf {
namespace {

TEST(ValueTest, CopyOnWriteNeverChangesOtherHolders) {
  Value set = Value::EmptySet();
  EXPECT_TRUE(set.SetInsert(Value::Int(3)));
  EXPECT_TRUE(set.SetInsert(Value::Int(1)));
  EXPECT_FALSE(set.SetInsert(Value::Int(3)));
  Value snapshot = set;
  EXPECT_TRUE(set.SetInsert(Value::Int(2)));
  EXPECT_EQ(snapshot.size(), 2u);
  EXPECT_EQ(set, Value::Set({Value::Int(1), Value::Int(2), Value::Int(3)}));

  Value obj = Value::EmptyObject();
  EXPECT_EQ(obj.ObjectInsertIfAbsent(Value::String("b"), Value::Int(1)), nullptr);
  EXPECT_EQ(obj.ObjectInsertIfAbsent(Value::String("a"), Value::Int(2)), nullptr);
  Value before = obj;
  const Value* existing = obj.ObjectInsertIfAbsent(Value::String("a"), Value::Int(9));
  ASSERT_NE(existing, nullptr);
  EXPECT_EQ(*existing, Value::Int(2));
  *obj.ObjectFindMutable(Value::String("b")) = Value::Int(7);
  EXPECT_EQ(*obj.Find("b"), Value::Int(7));
  EXPECT_EQ(*before.Find("b"), Value::Int(1));
  EXPECT_EQ(obj.object()[0].first, Value::String("a"));

  Value arr = Value::EmptyArray();
  Value shared = arr;
  arr.ArrayAppend(Value::Null());
  EXPECT_EQ(arr.size(), 1u);
  EXPECT_EQ(shared.size(), 0u);
}

// Strings are mostly compared by the head and size a Value holds inline; these pairs share a
// head, differ only past it, or differ in zero bytes a head pads with, so the result must come
// from the bytes themselves: memcmp order, then the shorter first.
TEST(ValueTest, StringsCompareAsBytesWhateverTheirHeads) {
  using namespace std::string_literals;
  std::vector<std::string> texts = {
      ""s,          "\0"s,        "\0\0"s, "a"s,    "a\0"s,    "a\0\0\0"s,
      "a\0\0\0\0"s, "ab"s,        "abc"s,  "abcd"s, "abcd\0"s, "abcde"s,
      "abcdefgh"s,  "abcdefghi"s, "abce"s, "b"s,    "\xff"s,   "\xff\xff\xff\xff\xff"s};
  std::string long_a(70000, 'x');
  std::string long_b = long_a + "y";
  texts.push_back(long_a);
  texts.push_back(long_b);
  for (const std::string& x : texts) {
    for (const std::string& y : texts) {
      int bytes = x.compare(y);
      int expected = (bytes > 0) - (bytes < 0);
      Value a = Value::String(x);
      Value b = Value::String(y);
      EXPECT_EQ(a.Compare(b), expected) << x.size() << " vs " << y.size();
      EXPECT_EQ(a == b, x == y) << x.size() << " vs " << y.size();
    }
  }
}

TEST(ValueTest, LookupFindsKeysThatShareHeads) {
  using namespace std::string_literals;
  std::vector<std::string> keys = {"a"s,     "a\0"s,      "ab"s,        "abcd"s,       "abcde"s,
                                   "abcdf"s, "abcdefgh"s, "abcdefghi"s, "abcdefghij"s, "b"s};
  std::vector<ObjectEntry> entries;
  for (size_t i = 0; i < keys.size(); ++i)
    entries.emplace_back(Value::String(keys[i]), Value::Int(static_cast<int64_t>(i)));
  entries.emplace_back(Value::Int(7), Value::Int(-1));
  Value o = Value::Object(std::move(entries));
  for (size_t i = 0; i < keys.size(); ++i) {
    const Value* by_value = o.Find(Value::String(keys[i]));
    const Value* by_view = o.Find(std::string_view(keys[i]));
    ASSERT_NE(by_value, nullptr) << keys[i];
    ASSERT_NE(by_view, nullptr) << keys[i];
    EXPECT_EQ(*by_value, Value::Int(static_cast<int64_t>(i)));
    EXPECT_EQ(*by_view, Value::Int(static_cast<int64_t>(i)));
  }
  for (std::string absent : {""s, "\0"s, "a\0\0"s, "abc"s, "abcdeg"s, "abcdefg"s, "c"s}) {
    EXPECT_EQ(o.Find(Value::String(absent)), nullptr) << absent;
    EXPECT_EQ(o.Find(std::string_view(absent)), nullptr) << absent;
  }
}

TEST(ValueTest, CopiedAndMovedStringsKeepTheirOrder) {
  Value a = Value::String("abcdefgh");
  Value copy = a;
  Value moved = std::move(copy);
  Value assigned;
  assigned = moved;
  EXPECT_EQ(assigned, Value::String("abcdefgh"));
  EXPECT_LT(Value::String("abcdefg"), assigned);
  EXPECT_LT(assigned, Value::String("abcdefgi"));
}

}  // namespace
}  // namespace tf
