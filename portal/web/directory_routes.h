// DirectoryRoutes: the hall directory (窗口基本管理) over HTTP, for the hall
// manager — windows, departments and queues (list, get, create, change,
// retire), the queues a window serves and the matters it takes, and the
// whole hall model as XML (export, import):
//
//   GET  /api/v1/admin/{windows|departments|queues}        {version, <kind>: [...]}
//   POST /api/v1/admin/{windows|departments|queues}        {version, ...fields} → 201
//   GET  /api/v1/admin/{kind}/{id}                         {version, <one>: {...}}
//   PUT  /api/v1/admin/{kind}/{id}                         {version, ...fields to change}
//   POST /api/v1/admin/{kind}/{id}/retire                  {version}
//   PUT  /api/v1/admin/windows/{id}/queues                 {version, queues: [ids in order]}
//   PUT  /api/v1/admin/windows/{id}/matters                {version, matters: [codes]}
//   GET  /api/v1/admin/hall-model                          the XML (?as=json: {version, xml})
//   POST /api/v1/admin/hall-model                          XML body (?version=N&name=f.xml),
//                                                          or JSON {xml, version?, name?}
//
// Every change carries the version it was based on (409 when stale) and
// answers with the new version. A member the route does not know, or of
// the wrong type, is 400 naming the field. The front desk takes changes at
// its next start.
//
// Thread-safety: the HallDirectory is thread-safe and the handlers keep no
// state.
#pragma once

#include "portal/domain/hall_directory.h"
#include "portal/web/router.h"

namespace portal::web {

class DirectoryRoutes {
 public:
  // The directory must outlive the router the routes are added to.
  explicit DirectoryRoutes(hall::domain::HallDirectory& directory) : directory_(directory) {}

  void addTo(Router& router);

  ApiResponse listWindows(const ApiRequest& request);
  ApiResponse getWindow(const ApiRequest& request);
  ApiResponse createWindow(const ApiRequest& request);
  ApiResponse changeWindow(const ApiRequest& request);
  ApiResponse retireWindow(const ApiRequest& request);
  ApiResponse setWindowQueues(const ApiRequest& request);
  ApiResponse setWindowMatters(const ApiRequest& request);
  ApiResponse listDepartments(const ApiRequest& request);
  ApiResponse getDepartment(const ApiRequest& request);
  ApiResponse createDepartment(const ApiRequest& request);
  ApiResponse changeDepartment(const ApiRequest& request);
  ApiResponse retireDepartment(const ApiRequest& request);
  ApiResponse listQueues(const ApiRequest& request);
  ApiResponse getQueue(const ApiRequest& request);
  ApiResponse createQueue(const ApiRequest& request);
  ApiResponse changeQueue(const ApiRequest& request);
  ApiResponse retireQueue(const ApiRequest& request);
  ApiResponse exportModel(const ApiRequest& request);
  ApiResponse importModel(const ApiRequest& request);

 private:
  hall::domain::HallDirectory& directory_;
};

// The wire form of the directory's entities.
wf::Value toJson(const hall::domain::Window& window);
wf::Value toJson(const hall::domain::Department& department);
wf::Value toJson(const hall::domain::Queue& queue);

}  // namespace portal::web
