// Chinese for what the analyst's pages show: API errors, the engine's
// diagnostics (its messages are English; the common ones are put into
// Chinese here, the rest shown as they are), and history event types.

// A page-level sentence for an ApiError.
export function explainError(error, what = '操作') {
  if (error?.status === undefined) return `${what}失败：${error?.message ?? error}`;
  if (error.status === 0) return `${what}失败：无法连接服务器，请检查网络后重试`;
  if (error.status === 401 || error.status === 403) return `${what}失败：没有权限`;
  if (error.status === 404) return `${what}失败：未找到该流程模型或版本`;
  if (error.status === 422) {
    const n = (error.details?.diagnostics ?? []).filter((d) => d.severity === 'error').length;
    return `${what}失败：模型有 ${n} 处错误，未部署。请按提示修改后再部署`;
  }
  if (error.status === 400) {
    return `${what}失败：请求有误${error.field ? `（${error.field}）` : ''}：${error.message}`;
  }
  if (error.status === 413) return `${what}失败：模型文件过大`;
  return `${what}失败：服务器错误（${error.status}），请稍后重试`;
}

const kDiagnosticRules = [
  [/has no outgoing sequence flow/, '没有流出的顺序流，流程在此无法继续'],
  [/has no incoming sequence flow/, '没有流入的顺序流'],
  [/is not reachable from the start event/, '从开始事件无法到达该元素'],
  [/has no start event/, '缺少开始事件'],
  [/has a start event but no end event/, '有开始事件但没有结束事件'],
  [/must have at least two outgoing sequence flows/, '网关至少需要两条流出的顺序流'],
  [/without a condition/, '排他/包容网关的流出顺序流缺少条件，且不是默认流'],
  [/is not one of its outgoing sequence flows/, '默认流不是该网关的流出顺序流'],
  [/has a condition; a default flow/, '默认流不能带条件'],
  [/has a condition, which is not allowed there/, '此处的顺序流不允许带条件'],
  [/is empty/, '表达式为空'],
  [/does not compile|syntax error|unexpected|expected /i, '表达式（FEEL）无法解析'],
  [/unknown element/, '引用了不存在的元素'],
  [/duplicate id|is used by more than one|id .* already/i, '元素 ID 重复'],
  [/has no id/, '元素缺少 ID'],
  [/is not supported/, '引擎不支持该元素或属性'],
  [/neither splits nor merges/, '网关既不分支也不汇合'],
  [/no executable process|isExecutable/, '文档中没有可执行的流程（isExecutable）'],
  [/XML|not well-formed|parse error|end of document|mismatch/i, 'XML 格式错误'],
];

// Chinese for one diagnostic's message; the original stays available.
export function explainDiagnostic(d) {
  for (const [pattern, text] of kDiagnosticRules) {
    if (pattern.test(d.message)) return text;
  }
  return '模型检查发现问题';
}

export function severityName(severity) {
  return severity === 'error' ? '错误' : '警告';
}

const kEventTypes = {
  'instance-started': '流程启动',
  'instance-completed': '流程结束',
  'instance-cancelled': '流程被取消',
  'instance-suspended': '流程挂起',
  'instance-resumed': '流程恢复',
  'instance-migrated': '迁移到新版本',
  'element-activated': '进入',
  'element-completed': '完成',
  'element-terminated': '终止',
  'task-created': '生成待办',
  'task-claimed': '认领待办',
  'task-unclaimed': '退回待办',
  'task-delegated': '转办',
  'task-completed': '办结待办',
  'job-created': '生成作业',
  'job-completed': '作业完成',
  'job-failed': '作业失败',
  'job-error-thrown': '业务错误',
  'timer-created': '设置定时',
  'incident-raised': '发生故障',
  'incident-resolved': '故障已处理',
  'variables-updated': '变量更新',
  'boundary-triggered': '边界事件触发',
  'event-occurred': '事件发生',
  'subscription-opened': '等待消息/信号',
  'signal-thrown': '发出信号',
  'call-requested': '调用子流程',
  'error-propagated': '错误传递',
  'error-uncaught': '错误未被捕获',
  'event-subprocess-triggered': '事件子流程触发',
  'buffered-message-taken': '取用缓存消息',
};

export function eventTypeName(type) {
  return kEventTypes[type] ?? type;
}

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}
