using System.Globalization;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// The benchmarked procedure: five sequential user tasks, as an administrator would draw them. Each revision changes the
/// names (and so the content hash), so deploying revisions 1..n publishes n versions.
/// </summary>
internal static class FiveStepProcedure
{
    public const string Key = "bench-five-steps";

    public const int UserTasks = 5;

    public static string Bpmn(int revision) => string.Format(
        CultureInfo.InvariantCulture,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="Definitions_Bench" targetNamespace="urn:dossierworkflow:bench">
          <bpmn:process id="{0}" name="Thủ tục đo tải (bản {1})" isExecutable="true">
            <bpmn:startEvent id="StartEvent_Received" name="Hồ sơ đến">
              <bpmn:outgoing>Flow_1</bpmn:outgoing>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Received" targetRef="Task_Reception" />
            <bpmn:userTask id="Task_Reception" name="Tiếp nhận, kiểm tra hồ sơ (bản {1})" dw:role="reception" dw:unitScope="receiving-unit" dw:durationDays="0" dw:outcomes="accept">
              <bpmn:incoming>Flow_1</bpmn:incoming>
              <bpmn:outgoing>Flow_2</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Reception" targetRef="Task_Processing" />
            <bpmn:userTask id="Task_Processing" name="Thẩm định hồ sơ" dw:role="specialist" dw:unitScope="receiving-unit" dw:durationDays="2" dw:outcomes="submit">
              <bpmn:incoming>Flow_2</bpmn:incoming>
              <bpmn:outgoing>Flow_3</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Processing" targetRef="Task_Review" />
            <bpmn:userTask id="Task_Review" name="Kiểm tra kết quả thẩm định" dw:role="department-head" dw:unitScope="receiving-unit" dw:durationDays="1" dw:outcomes="submit">
              <bpmn:incoming>Flow_3</bpmn:incoming>
              <bpmn:outgoing>Flow_4</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Review" targetRef="Task_Approval" />
            <bpmn:userTask id="Task_Approval" name="Ký duyệt" dw:role="leader" dw:unitScope="receiving-unit" dw:durationDays="1" dw:outcomes="approve">
              <bpmn:incoming>Flow_4</bpmn:incoming>
              <bpmn:outgoing>Flow_5</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_5" sourceRef="Task_Approval" targetRef="Task_Return" />
            <bpmn:userTask id="Task_Return" name="Trả kết quả tại Bộ phận Một cửa" dw:role="reception" dw:unitScope="receiving-unit" dw:durationDays="0">
              <bpmn:incoming>Flow_5</bpmn:incoming>
              <bpmn:outgoing>Flow_6</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_6" sourceRef="Task_Return" targetRef="EndEvent_Resolved" />
            <bpmn:endEvent id="EndEvent_Resolved" name="Đã trả kết quả" dw:result="resolved">
              <bpmn:incoming>Flow_6</bpmn:incoming>
            </bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """,
        Key,
        revision);
}
