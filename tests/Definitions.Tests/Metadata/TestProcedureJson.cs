namespace DossierWorkflow.Definitions.Tests.Metadata;

/// <summary>A small, valid procedure.json with two dated versions; tests break one thing at a time.</summary>
internal static class TestProcedureJson
{
    public static string Valid() => """
        {
          "code": "9.999999",
          "key": "test-procedure",
          "versions": [
            {
              "effectiveFrom": "2025-07-01",
              "nameVi": "Thủ tục thử",
              "nameEn": "Test procedure",
              "sector": "Chứng thực",
              "sectorEn": "Certification",
              "onlineLevel": "partial-online",
              "implementingLevel": "commune",
              "implementingAgency": "Ủy ban nhân dân cấp xã",
              "implementingAgencyEn": "Commune People's Committee",
              "processingTime": { "unit": "same-day", "days": 0 },
              "fee": {
                "setBy": "national", "basis": "Thông tư thử", "chargedPer": "page",
                "pageTiers": [{ "fromPage": 1, "amountPerPage": 2000 }, { "fromPage": 3, "amountPerPage": 1000 }],
                "maximumPerCopy": 200000
              },
              "documents": [
                { "nameVi": "Tờ khai", "nameEn": "Form", "form": "original", "copies": 1, "requirement": "mandatory" },
                { "nameVi": "Giấy tờ khác", "nameEn": "Other", "form": "copy", "copies": 1, "requirement": "conditional", "conditionVi": "Khi có", "conditionEn": "When any" }
              ],
              "delivery": ["counter"],
              "resultVi": "Kết quả",
              "resultEn": "Result",
              "legalBasis": [{ "number": "1/2025/TT-X", "title": "Thông tư thử" }]
            },
            {
              "effectiveFrom": "2020-01-01",
              "effectiveTo": "2025-06-30",
              "nameVi": "Thủ tục thử (cũ)",
              "nameEn": "Test procedure (old)",
              "sector": "Chứng thực",
              "sectorEn": "Certification",
              "onlineLevel": "partial-online",
              "implementingLevel": "district",
              "implementingAgency": "Ủy ban nhân dân cấp huyện",
              "implementingAgencyEn": "District People's Committee",
              "processingTime": { "unit": "working-days", "days": 2 },
              "fee": { "setBy": "province", "basis": "Nghị quyết thử", "chargedPer": "dossier", "amount": 5000 },
              "documents": [{ "nameVi": "Tờ khai", "nameEn": "Form", "form": "original", "copies": 1, "requirement": "mandatory" }],
              "delivery": ["counter", "post"],
              "resultVi": "Kết quả",
              "resultEn": "Result",
              "legalBasis": [{ "number": "1/2020/TT-X", "title": "Thông tư thử cũ" }]
            }
          ]
        }
        """;
}
