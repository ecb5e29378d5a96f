// Attachments: the type comes from the content, names are made safe, contents are stored
// once under their hash, and downloads go only to those who may see them.

#include <gtest/gtest.h>

#include <filesystem>

#include "attachments/attachment_service.h"
#include "attachments/blob_store.h"
#include "attachments/content_type.h"
#include "attachments/file_name.h"
#include "base/crypto.h"
#include "storage/sqlite/sqlite_store.h"
#include "base/test_dir.h"

namespace webcare::attachments {
namespace {

namespace fs = std::filesystem;

const std::string kPng("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
const std::string kJpeg("\xFF\xD8\xFF\xE0\0\x10JFIF", 10);
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

ContentType Png() { return *SniffContentType(kPng); }
ContentType Pdf() { return *SniffContentType(kPdf); }

TEST(SniffContentTypeTest, RecognisesTheAcceptedTypesByTheirFirstBytes) {
  EXPECT_EQ(SniffContentType(kPng)->media_type, "image/png");
  EXPECT_EQ(SniffContentType(kJpeg)->media_type, "image/jpeg");
  EXPECT_EQ(SniffContentType("GIF89a\x01\x00")->media_type, "image/gif");
  EXPECT_EQ(SniffContentType("GIF87a")->media_type, "image/gif");
  EXPECT_EQ(SniffContentType(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16))->media_type, "image/webp");
  EXPECT_EQ(SniffContentType(kPdf)->media_type, "application/pdf");
  EXPECT_TRUE(SniffContentType(kPng)->is_image);
  EXPECT_FALSE(SniffContentType(kPdf)->is_image);
}

TEST(SniffContentTypeTest, RefusesEverythingElseWhateverItIsCalled) {
  EXPECT_FALSE(SniffContentType(""));
  EXPECT_FALSE(SniffContentType("\x89PN"));  // Cut off.
  EXPECT_FALSE(SniffContentType("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));
  EXPECT_FALSE(SniffContentType("<!DOCTYPE html><html>"));
  EXPECT_FALSE(SniffContentType(std::string("RIFF\x24\0\0\0WAVEfmt ", 16)));  // A RIFF, not WebP.
  EXPECT_FALSE(SniffContentType("hello %PDF-1.7"));  // The signature must come first.
  EXPECT_EQ(DescribeRefusedContent("  <svg onload=alert(1)>"), "an SVG image (which can carry script)");
  EXPECT_EQ(DescribeRefusedContent("<!doctype html><p>"), "an HTML page");
  EXPECT_EQ(DescribeRefusedContent(std::string("PK\x03\x04rest", 8)), "a ZIP archive or Office document");
  EXPECT_EQ(DescribeRefusedContent("MZ\x90"), "a program");
  EXPECT_EQ(DescribeRefusedContent("just text"), "a file of another type");
}

TEST(SanitiseFileNameTest, KeepsOnlyTheNameAndSafeCharacters) {
  EXPECT_EQ(SanitiseFileName("photo.png", Png()), "photo.png");
  EXPECT_EQ(SanitiseFileName("C:\\Users\\anna\\Desktop\\pas.png", Png()), "pas.png");
  EXPECT_EQ(SanitiseFileName("../../etc/passwd", Png()), "passwd.png");
  EXPECT_EQ(SanitiseFileName("..", Png()), "attachment.png");
  EXPECT_EQ(SanitiseFileName("", Png()), "attachment.png");
  EXPECT_EQ(SanitiseFileName("a\"b<c>d|e\r\nf.png", Png()), "a_b_c_d_e_f.png");
  EXPECT_EQ(SanitiseFileName("  .hidden  .png  ", Png()), "hidden .png");
  EXPECT_EQ(SanitiseFileName("storing in Zwolle – café.png", Png()), "storing in Zwolle – café.png");
  EXPECT_EQ(SanitiseFileName("bad\xFF\xFEutf8.png", Png()), "badutf8.png");
}

TEST(SanitiseFileNameTest, TheExtensionMatchesTheContent) {
  EXPECT_EQ(SanitiseFileName("invoice.pdf.exe", Pdf()), "invoice.pdf.exe.pdf");
  EXPECT_EQ(SanitiseFileName("Factuur.PDF", Pdf()), "Factuur.PDF");
  EXPECT_EQ(SanitiseFileName("photo.jpeg", *SniffContentType(kJpeg)), "photo.jpeg");
  EXPECT_EQ(SanitiseFileName("photo", Png()), "photo.png");
  EXPECT_EQ(SanitiseFileName("page.html", Png()), "page.html.png");
}

TEST(SanitiseFileNameTest, LongNamesAreCutKeepingTheExtensionAndWholeCharacters) {
  const std::string name = SanitiseFileName(std::string(200, 'a') + ".png", Png());
  EXPECT_EQ(name.size(), kMaxFileNameBytes);
  EXPECT_TRUE(name.ends_with("a.png"));
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "é";
  const std::string cut = SanitiseFileName(accents, Png());
  EXPECT_LE(cut.size(), kMaxFileNameBytes);
  EXPECT_TRUE(cut.ends_with("é.png")) << cut;
}

TEST(ContentDispositionTest, QuotesAsciiAndEncodesTheRest) {
  EXPECT_EQ(ContentDisposition("pas.png", true), "inline; filename=\"pas.png\"; filename*=UTF-8''pas.png");
  EXPECT_EQ(ContentDisposition("café bon.pdf", false),
            "attachment; filename=\"caf__ bon.pdf\"; filename*=UTF-8''caf%C3%A9%20bon.pdf");
}

class BlobStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::TempDir() + "blobs-" + testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string root_;
};

TEST_F(BlobStoreTest, StoresContentOnceUnderItsHashInAFannedOutFolder) {
  BlobStore blobs(root_);
  auto first = blobs.Put(kPng);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, base::Sha256Hex(kPng));
  const std::string path = root_ + "/" + first->substr(0, 2) + "/" + first->substr(2, 2) + "/" + *first;
  EXPECT_EQ(*blobs.PathOf(*first), path);
  EXPECT_TRUE(fs::is_regular_file(path));
  const auto written = fs::last_write_time(path);
  auto second = blobs.Put(kPng);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(fs::last_write_time(path), written);  // Not written again.
  EXPECT_EQ(*blobs.Get(*first), kPng);
  // No temporary file is left behind.
  EXPECT_TRUE(fs::is_empty(root_ + "/tmp"));
  ASSERT_TRUE(blobs.Remove(*first).ok());
  EXPECT_TRUE(absl::IsNotFound(blobs.Get(*first).status()));
  EXPECT_TRUE(blobs.Remove(*first).ok());
}

TEST_F(BlobStoreTest, RefusesNamesThatAreNotHashes) {
  BlobStore blobs(root_);
  EXPECT_TRUE(absl::IsInvalidArgument(blobs.Get("../../webcare.db").status()));
  EXPECT_TRUE(absl::IsInvalidArgument(blobs.PathOf(std::string(64, 'A')).status()));
}

class AttachmentServiceTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = base::FreshTestDir("attachments");
    auto store = storage::sqlite::SqliteStore::Open({.path = dir_ + "/webcare.db"}, clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    blobs_ = std::make_unique<BlobStore>(dir_ + "/attachments");
    inbox_ = std::make_unique<inbox::InboxService>(*store_, events_, clock_);
    service_ = std::make_unique<AttachmentService>(*store_, *blobs_, *inbox_, clock_,
                                                   AttachmentOptions{.max_bytes = 1000});
    anna_ = Viewer("anna", core::Role::kAgent);
    bram_ = Viewer("bram", core::Role::kAgent);
  }
  void TearDown() override {
    service_.reset();
    inbox_.reset();
    store_.reset();
    fs::remove_all(dir_);
  }

  inbox::Viewer Viewer(const std::string& name, core::Role role) {
    auto user = store_->CreateUser({.email = name + "@example.com", .name = name, .role = role}, "hash");
    EXPECT_TRUE(user.ok()) << user.status();
    return inbox::Viewer{.user = *user, .teams = {}};
  }

  size_t FilesOnDisk() {
    size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_ + "/attachments")) {
      if (entry.is_regular_file()) ++files;
    }
    return files;
  }

  base::FakeClock clock_;
  core::NullEventSink events_;
  std::string dir_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<inbox::InboxService> inbox_;
  std::unique_ptr<AttachmentService> service_;
  inbox::Viewer anna_, bram_;
};

TEST_F(AttachmentServiceTest, InspectsSizeAndTypeBeforeStoringAnything) {
  EXPECT_EQ(service_->Inspect("").problem, UploadProblem::kEmpty);
  const Inspection big = service_->Inspect(kPng + std::string(1000, 'x'));
  EXPECT_EQ(big.problem, UploadProblem::kTooLarge);
  EXPECT_EQ(big.message, "the file is 1016 bytes; attachments are at most 1000 bytes");
  const Inspection html = service_->Inspect("<html><script>alert(1)</script>");
  EXPECT_EQ(html.problem, UploadProblem::kUnsupportedType);
  EXPECT_EQ(html.message,
            "only PNG, JPEG, GIF or WebP images and PDF documents can be attached; this file is an HTML page");
  EXPECT_EQ(service_->Inspect(kPdf).type.media_type, "application/pdf");
  EXPECT_TRUE(absl::IsInvalidArgument(service_->Upload(anna_, "x.html", "<html>").status()));
  EXPECT_FALSE(fs::exists(dir_ + "/attachments"));
}

TEST_F(AttachmentServiceTest, SameContentIsStoredOnceAndServedOnlyToItsUploader) {
  auto first = service_->Upload(anna_, "kaart.png", kPng);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->media_type, "image/png");
  EXPECT_EQ(first->name, "kaart.png");
  EXPECT_EQ(first->size, static_cast<int64_t>(kPng.size()));
  auto again = service_->Upload(anna_, "kopie", kPng);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->id, first->id);
  EXPECT_EQ(again->sha256, first->sha256);
  EXPECT_EQ(again->name, "kopie.png");
  EXPECT_EQ(FilesOnDisk(), 1u);

  auto mine = service_->Open(anna_, first->id);
  ASSERT_TRUE(mine.ok()) << mine.status();
  EXPECT_EQ(mine->content, kPng);
  // Not attached to anything yet: a colleague is told it does not exist.
  EXPECT_TRUE(absl::IsNotFound(service_->Open(bram_, first->id).status()));
  EXPECT_TRUE(absl::IsNotFound(service_->Open(anna_, core::AttachmentId(999)).status()));
  const inbox::Viewer viewer = Viewer("lees", core::Role::kViewer);
  EXPECT_TRUE(absl::IsPermissionDenied(service_->Upload(viewer, "a.png", kPng).status()));
}

TEST_F(AttachmentServiceTest, UnattachedUploadsAreRemovedAfterADay) {
  auto old = service_->Upload(anna_, "oud.png", kPng);
  ASSERT_TRUE(old.ok());
  clock_.Advance(23 * 3600 * base::kMicrosPerSecond);
  auto recent = service_->Upload(anna_, "nieuw.pdf", kPdf);
  ASSERT_TRUE(recent.ok());
  auto removed = service_->RemoveUnattached();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0);
  clock_.Advance(2 * 3600 * base::kMicrosPerSecond);
  removed = service_->RemoveUnattached();
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(*removed, 1);
  EXPECT_TRUE(absl::IsNotFound(store_->GetAttachment(old->id).status()));
  EXPECT_TRUE(service_->Open(anna_, recent->id).ok());
  EXPECT_EQ(FilesOnDisk(), 1u);
}

TEST(HumanSizeTest, ReadsLikeAPerson) {
  EXPECT_EQ(HumanSize(512), "512 bytes");
  EXPECT_EQ(HumanSize(2048), "2 KB");
  EXPECT_EQ(HumanSize(10 * 1024 * 1024), "10.0 MB");
}

}  // namespace
}  // namespace webcare::attachments
