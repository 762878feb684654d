// receipt_bench: signs and renders N receipts (受理凭证) one after another,
// as acceptance at a window does, and prints milliseconds per receipt for
// signing, rendering and verifying. With --out it also writes the last PDF,
// to look at.
//
//   receipt_bench [--receipts N] [--out FILE.pdf]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "portal/documents/hall_signer.h"
#include "portal/documents/receipt_pdf.h"
#include "portal/documents/receipt_verification.h"
#include "portal/domain/case_code.h"

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "receipt_bench: %s\n", what.c_str());
  std::exit(1);
}

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

hall::domain::Receipt receipt(int sequence) {
  hall::domain::Receipt r;
  r.case_code = hall::domain::makeCaseCode({"310105", 20261129, "A1", sequence});
  r.matter_code = "310105-SCJG-0101";
  r.matter_name = "食品经营许可证核发";
  r.applicant_name = "张*";
  r.applicant_id_masked = "110105********002X";
  r.clerk = "李四";
  r.window = "综合窗口 3";
  r.department = "区市场监管局";
  r.materials_received = {"食品经营许可申请书", "营业执照复印件", "法定代表人身份证明",
                          "经营场所平面图（含设备布局）", "食品安全管理制度文本"};
  r.materials_pending = {"食品安全管理人员培训合格证明"};
  r.accepted_at = "2026-11-29 10:05";
  r.promised_date = "2026-12-11";
  r.promised_days = 10;
  r.status_url = "https://hall.example/cases/" + r.case_code;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int count = 200;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--receipts" && i + 1 < argc) {
      count = std::atoi(argv[++i]);
    } else if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else {
      die("usage: receipt_bench [--receipts N] [--out FILE.pdf]");
    }
  }
  if (count < 1) die("--receipts must be at least 1");

  wf::Result<portal::documents::HallSigner> signer = portal::documents::HallSigner::generate();
  if (!signer.ok()) die(signer.status().toString());
  double sign_ms = 0;
  double render_ms = 0;
  double verify_ms = 0;
  size_t bytes = 0;
  std::string pdf;
  for (int i = 1; i <= count; ++i) {
    const hall::domain::Receipt r = receipt(i);
    auto start = Clock::now();
    const std::string signature = signer->sign(hall::domain::canonicalPayload(r));
    sign_ms += msSince(start);
    start = Clock::now();
    wf::Result<std::string> rendered =
        portal::documents::renderReceiptPdf(r, signature, signer->keyId());
    render_ms += msSince(start);
    if (!rendered.ok()) die(rendered.status().toString());
    start = Clock::now();
    const auto verified = portal::documents::verifyReceiptPdf(*rendered, *signer);
    verify_ms += msSince(start);
    if (!verified.ok()) die(verified.status().toString());
    bytes += rendered->size();
    pdf = std::move(rendered).value();
  }
  std::printf(
      "receipts %d: sign %.3f ms, render %.3f ms, verify PDF %.3f ms per receipt; "
      "%zu bytes per PDF\n",
      count, sign_ms / count, render_ms / count, verify_ms / count,
      bytes / static_cast<size_t>(count));
  if (!out.empty()) {
    std::ofstream file(out, std::ios::binary);
    file << pdf;
    if (!file) die("cannot write " + out);
  }
  return 0;
}
