// The receipt check behind a receipt's QR code: GET
// /api/v1/receipts/{code}/verify, shown in words a visitor understands, with
// where the case stands (审批中, 待补正 — come to the window —, 待领证 …).
import { api, ApiError } from './api.js';

const $ = (id) => document.getElementById(id);
const code = new URLSearchParams(location.search).get('code') ?? '';
$('code').textContent = code;

try {
  const r = await api(`/api/v1/receipts/${encodeURIComponent(code)}/verify`);
  $('verdict').textContent = '凭证真实有效(长宁区行政服务中心电子签章)';
  $('matter').textContent = r.matterName;
  $('applicant').textContent = r.applicantName;
  $('accepted').textContent = r.acceptedAt;
  $('promised').textContent = r.promisedDate;
  $('stage').textContent = r.stageLabel ?? '—';
  $('stage').dataset.stage = r.stage ?? '';
  $('facts').hidden = false;
  $('receipt').dataset.state = 'valid';
} catch (e) {
  const notFound = e instanceof ApiError && e.status === 404;
  $('verdict').textContent = notFound ? '未找到该办件编码的受理凭证'
    : e instanceof ApiError && e.status === 403 ? '凭证签章核验未通过,请到窗口咨询'
      : '暂时无法核验,请稍后再试';
  $('receipt').dataset.state = 'invalid';
}
