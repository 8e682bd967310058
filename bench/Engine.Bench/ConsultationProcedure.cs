using System.Globalization;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// The benchmarked multi-instance procedure: reception, then ten departments give their opinion at once (a parallel
/// multi-instance user task over the list chosen at reception, each in its department's scope, the opinions collected),
/// then the leader's approval: twelve tasks per dossier, ten of them on one instance at the same time.
/// </summary>
internal static class ConsultationProcedure
{
    public const string Key = "bench-consultation";

    public const int Departments = 10;

    public const int UserTasks = 2 + Departments;

    public static JsonObject Variables() => new()
    {
        ["procedureCode"] = "1.009974",
        ["applicant"] = "Công ty TNHH Xây dựng Hồng Hà",
        ["departments"] = new JsonArray([.. Enumerable.Range(1, Departments).Select(i => (JsonNode?)string.Create(CultureInfo.InvariantCulture, $"D{i:00}"))]),
    };

    public static string Bpmn() =>
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="Definitions_BenchConsultation" targetNamespace="urn:dossierworkflow:bench">
          <bpmn:process id="bench-consultation" name="Thủ tục đo tải có lấy ý kiến" isExecutable="true">
            <bpmn:startEvent id="StartEvent_Received" name="Hồ sơ đến" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Received" targetRef="Task_Reception" />
            <bpmn:userTask id="Task_Reception" name="Tiếp nhận, kiểm tra hồ sơ" dw:role="reception" dw:unitScope="receiving-unit" dw:durationDays="0" dw:outcomes="accept" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Reception" targetRef="Task_Consultation" />
            <bpmn:userTask id="Task_Consultation" name="Cho ý kiến" dw:role="specialist" dw:unitScope="department:{department}" dw:durationDays="12" dw:outcomes="agree,disagree">
              <bpmn:multiInstanceLoopCharacteristics dw:collection="departments" dw:elementVariable="department" dw:outputElement="outcome" dw:outputCollection="opinions" />
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Consultation" targetRef="Task_Approval" />
            <bpmn:userTask id="Task_Approval" name="Ký duyệt" dw:role="leader" dw:unitScope="receiving-unit" dw:durationDays="4" dw:outcomes="approve" />
            <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Approval" targetRef="EndEvent_Resolved" />
            <bpmn:endEvent id="EndEvent_Resolved" name="Đã giải quyết" dw:result="resolved" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
