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

// Keys an index of a large object must tell apart: short ones decided by the handle alone, long
// ones sharing a head, a first eight bytes, a last eight bytes or all but their middle, one over
// the 65,535 bytes a handle's size saturates at, and a key of each other kind.
std::vector<ObjectEntry> KeysHardToHash(size_t count) {
  std::vector<ObjectEntry> entries;
  for (size_t i = 0; entries.size() < count; ++i) {
    const std::string n = std::to_string(i);
    for (const std::string& key : {n, "k" + n, "shared_prefix_" + n, n + "_shared_suffix",
                                   "mid" + n + "dle_of_a_long_key", std::string(70000, 'x') + n}) {
      entries.emplace_back(Value::String(key), Value::Int(static_cast<int64_t>(entries.size())));
    }
  }
  entries.resize(count);
  entries.emplace_back(Value::Int(3), S("int"));
  entries.emplace_back(Value::Null(), S("null"));
  entries.emplace_back(Value::Array({S("0")}), S("array"));
  return entries;
}

// Every key found by both lookups with its own value, and a set of near misses found by neither.
void ExpectLookupsMatch(const Value& o, const std::vector<ObjectEntry>& entries) {
  for (const auto& [key, value] : entries) {
    const Value* by_value = o.Find(key);
    ASSERT_NE(by_value, nullptr) << key.TypeName() << " " << key.size();
    EXPECT_EQ(*by_value, value);
    if (!key.is_string()) continue;
    const Value* by_view = o.Find(std::string_view(key.string()));
    ASSERT_NE(by_view, nullptr) << key.string().substr(0, 40);
    EXPECT_EQ(by_view, by_value);
  }
  const std::vector<std::string> near_misses = {"",
                                                "k",
                                                "shared_prefix_",
                                                "_shared_suffix",
                                                "middle_of_a_long_key",
                                                "0_shared_suffiy",
                                                std::string(70000, 'x'),
                                                "3",
                                                "null"};
  for (const std::string& absent : near_misses) {
    bool present = false;
    for (const auto& e : entries)
      present = present || (e.first.is_string() && e.first.string() == absent);
    if (present) continue;
    EXPECT_EQ(o.Find(Value::String(absent)), nullptr) << absent.substr(0, 40);
    EXPECT_EQ(o.Find(std::string_view(absent)), nullptr) << absent.substr(0, 40);
  }
}

TEST(ValueTest, LookupFindsEveryKeyOfObjectsOfEverySize) {
  // Small objects are searched, large ones hashed; the sizes around where that changes, and
  // large ones with long probe runs.
  for (size_t count : {0u, 1u, 2u, 7u, 15u, 16u, 17u, 31u, 32u, 33u, 100u, 700u}) {
    std::vector<ObjectEntry> entries = KeysHardToHash(count);
    Value o = Value::Object(entries);
    ExpectLookupsMatch(o, entries);
  }
}

TEST(ValueTest, LookupStaysRightThroughCopyOnWriteUpdates) {
  std::vector<ObjectEntry> entries = KeysHardToHash(40);
  Value original = Value::Object(entries);
  Value updated = original;
  // An update of a value in place keeps every entry where it was.
  *updated.ObjectFindMutable(entries[5].first) = S("changed");
  // Inserts move entries.
  for (std::string key : {"", "new", "k5x", "shared_prefix_zz"}) {
    EXPECT_EQ(updated.ObjectInsertIfAbsent(Value::String(key), S(key.c_str())), nullptr);
    entries.emplace_back(Value::String(key), S(key.c_str()));
  }
  entries[5].second = S("changed");
  ExpectLookupsMatch(updated, entries);
  ExpectLookupsMatch(original, KeysHardToHash(40));
  EXPECT_EQ(updated.Find(S("new"))->string(), "new");
  EXPECT_EQ(original.Find(S("new")), nullptr);
}

TEST(ValueTest, LookupOfKeysChosenToCollide) {
  // Same size, same first and last eight bytes: one hash for all. Up to the probe limit they
  // share the table's slots; past it the object is searched instead of built in quadratic time.
  auto colliding = [](size_t i) {
    std::string middle = std::to_string(i);
    return "samehead" + std::string(6 - middle.size(), '0') + middle + "sametail";
  };
  for (size_t count : {16u, 33u, 34u, 20000u}) {
    std::vector<ObjectEntry> entries;
    for (size_t i = 0; i < count; ++i)
      entries.emplace_back(Value::String(colliding(i)), Value::Int(static_cast<int64_t>(i)));
    Value o = Value::Object(entries);
    for (size_t i : {size_t{0}, count / 2, count - 1}) {
      ASSERT_NE(o.Find(colliding(i)), nullptr) << count << " " << i;
      EXPECT_EQ(*o.Find(Value::String(colliding(i))), Value::Int(static_cast<int64_t>(i)));
    }
    EXPECT_EQ(o.Find(colliding(count)), nullptr) << count;
    EXPECT_EQ(o.Find(Value::String(colliding(count + 1))), nullptr) << count;
  }
}

TEST(ValueTest, LookupInObjectTooLargeToIndexIsSearched) {
  std::vector<ObjectEntry> entries;
  for (int i = 0; i < 70000; ++i)
    entries.emplace_back(Value::String("key" + std::to_string(i)), Value::Int(i));
  Value o = Value::Object(entries);
  for (int i : {0, 1, 65534, 65535, 69999}) {
    ASSERT_NE(o.Find("key" + std::to_string(i)), nullptr) << i;
    EXPECT_EQ(*o.Find(Value::String("key" + std::to_string(i))), Value::Int(i));
  }
  EXPECT_EQ(o.Find("key70000"), nullptr);
}

}  // namespace
}  // namespace tf
